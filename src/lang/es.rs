//! Spanish.

use super::{Profile, Script};
use rust_stemmers::Algorithm;

pub(crate) const PROFILE: Profile = Profile {
    code: "es",
    name: "Spanish",
    script: Script::Latin,
    stemmer: Some(Algorithm::Spanish),
    abbreviations: &[
        "sr", "sra", "sres", "srta", "dr", "dra", "d", "dña", "ud", "uds", "vd", "vds", "etc", "p",
        "pág", "págs", "núm", "n", "art", "cap", "vol", "ej", "p.ej", "cf", "av", "avda", "c", "s",
        "ss", "a.c", "d.c", "e.e.u.u", "ee.uu", "tel", "aprox", "depto", "lic", "ing", "prof",
        "sto", "sta",
    ],
    starters: &[
        "el", "la", "los", "las", "y", "pero", "entonces", "él", "ella", "ellos", "yo", "nosotros",
        "no", "en", "por", "porque", "si", "cuando", "un", "una", "este", "esta", "que", "qué",
        "quién", "cómo",
    ],
    stop_words: &[
        "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "y", "e", "o", "u", "pero",
        "mas", "ni", "que", "de", "del", "a", "al", "en", "por", "para", "con", "sin", "sobre",
        "entre", "hacia", "hasta", "desde", "ante", "tras", "se", "su", "sus", "le", "les", "me",
        "te", "nos", "os", "mi", "mis", "tu", "tus", "es", "son", "era", "eran", "fue", "fueron",
        "ser", "ha", "han", "había", "habían", "haber", "he", "no", "sí", "como", "cuando",
        "donde", "quien", "cual", "este", "esta", "estos", "estas", "ese", "esa", "aquel",
        "aquella", "todo", "todos", "toda", "todas", "muy", "ya", "también",
    ],
    pronouns: &[
        "él", "ella", "ellos", "ellas", "yo", "tú", "nosotros", "vosotros",
    ],
    number_words: &[
        ("uno", 1),
        ("dos", 2),
        ("tres", 3),
        ("cuatro", 4),
        ("cinco", 5),
        ("seis", 6),
        ("siete", 7),
        ("ocho", 8),
        ("nueve", 9),
        ("diez", 10),
        ("once", 11),
        ("doce", 12),
        ("trece", 13),
        ("catorce", 14),
        ("quince", 15),
        ("veinte", 20),
        ("treinta", 30),
        ("cuarenta", 40),
        ("cincuenta", 50),
        ("sesenta", 60),
        ("setenta", 70),
        ("ochenta", 80),
        ("noventa", 90),
        ("cien", 100),
        ("ciento", 100),
        ("mil", 1000),
    ],
};
