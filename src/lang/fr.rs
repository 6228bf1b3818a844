//! French.

use super::{Profile, Script};
use rust_stemmers::Algorithm;

pub(crate) const PROFILE: Profile = Profile {
    code: "fr",
    name: "French",
    script: Script::Latin,
    stemmer: Some(Algorithm::French),
    abbreviations: &[
        "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "st", "ste", "etc", "cf", "p",
        "pp", "n", "no", "art", "al", "chap", "éd", "vol", "t", "av", "apr", "j.-c", "env", "ex",
        "fig", "min", "max", "vs", "réf", "tél", "c.-à-d", "par ex", "boul", "bd",
    ],
    starters: &[
        "le", "la", "les", "il", "ils", "elle", "elles", "et", "mais", "alors", "je", "nous",
        "vous", "on", "ce", "cette", "ces", "car", "puis", "quand", "si", "en", "dans", "un",
        "une", "que", "qui", "pourquoi", "comment",
    ],
    stop_words: &[
        "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "et", "ou", "mais", "donc",
        "or", "ni", "car", "à", "au", "aux", "en", "dans", "par", "pour", "sur", "sous", "avec",
        "sans", "chez", "vers", "entre", "que", "qu", "qui", "quoi", "dont", "où", "ce", "cet",
        "cette", "ces", "c", "me", "m", "te", "t", "se", "s", "leur", "leurs", "y", "son", "sa",
        "ses", "mon", "ma", "mes", "ton", "ta", "tes", "notre", "nos", "votre", "vos", "est",
        "sont", "était", "étaient", "fut", "furent", "être", "a", "ai", "as", "ont", "avait",
        "avaient", "eut", "avoir", "ne", "n", "pas", "plus", "point", "si", "comme", "tout",
        "tous", "toute", "toutes", "aussi", "même",
    ],
    pronouns: &[
        "il", "ils", "elle", "elles", "je", "j", "tu", "nous", "vous", "on", "moi", "toi", "eux",
        "lui",
    ],
    number_words: &[
        ("un", 1),
        ("deux", 2),
        ("trois", 3),
        ("quatre", 4),
        ("cinq", 5),
        ("six", 6),
        ("sept", 7),
        ("huit", 8),
        ("neuf", 9),
        ("dix", 10),
        ("onze", 11),
        ("douze", 12),
        ("treize", 13),
        ("quatorze", 14),
        ("quinze", 15),
        ("seize", 16),
        ("vingt", 20),
        ("trente", 30),
        ("quarante", 40),
        ("cinquante", 50),
        ("soixante", 60),
        ("cent", 100),
        ("mille", 1000),
    ],
};
