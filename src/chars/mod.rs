//! Every character class of the crate, in one leaf module: scripts (Han, CJK, Latin), width
//! folding, and in [`abbreviations`] and [`stop_words`] the English word lists. Nothing here
//! uses `crate::`, so that `build.rs` can include the module by path and fold and filter the
//! bundled lexicon exactly as the features fold and filter sentences.

pub(crate) mod abbreviations;
pub(crate) mod stop_words;

/// Whether `c` is a Han character (CJK unified ideographs, extensions, compatibility).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2EBEF | 0x30000..=0x323AF
        | 0x3007)
}

/// Folds full-width ASCII forms to ASCII and the ideographic space to a space, for matching.
pub fn fold_char(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}
