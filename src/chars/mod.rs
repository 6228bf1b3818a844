//! Every character class of the crate, in one leaf module: scripts (Han, CJK, Latin), digits
//! and numerals, whitespace, line ends and controls, quotes and brackets, sentence-final
//! punctuation, dashes, width folding; and in [`abbreviations`] and [`stop_words`] the
//! English word lists. Nothing here uses `crate::`, so that `build.rs` can include the module
//! by path and fold and filter the bundled lexicon exactly as the features fold and filter
//! sentences.
//!
//! Where two stages need different sets for one idea, both are here under names that say
//! why, and the tests at the end state how they relate (which is a subset of which, and by
//! exactly which characters they differ). Add a class here rather than in the module that
//! uses it.

pub(crate) mod abbreviations;
pub(crate) mod stop_words;

// ---------------------------------------------------------------------------------------------
// Scripts
// ---------------------------------------------------------------------------------------------

/// Whether `c` is a Han ideograph: the CJK unified ideographs with all their extensions, the
/// compatibility ideographs, and 〇. These are what words are made of: the lexicon's Chinese
/// strings, the learned lexicon's n-grams, the Han text around a full stop.
#[inline]
pub fn is_han_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}'
        | '〇')
}

/// Whether `c` is written in the Han script: a [Han ideograph](is_han_ideograph), a CJK or
/// Kangxi radical, the iteration mark 々 or a Hangzhou numeral (〡 to 〩). Used where Han text
/// is told from other text: the spacing rules of normalisation and the script of a paragraph.
#[inline]
pub(crate) fn is_han_script(c: char) -> bool {
    is_han_ideograph(c) || matches!(c, '\u{2E80}'..='\u{2FDF}' | '々' | '\u{3021}'..='\u{3029}')
}

/// Whether `c` is a CJK character, between which no space is written: [Han
/// script](is_han_script), ideographic description characters, CJK symbols and punctuation
/// (with the ideographic space), kana, bopomofo, kanbun and enclosed CJK and compatibility
/// characters, vertical and small forms, half- and full-width forms.
#[inline]
pub(crate) fn is_cjk(c: char) -> bool {
    is_han_script(c)
        || matches!(c,
            '\u{2FF0}'..='\u{2FFF}'
            | '\u{3000}'..='\u{303F}'
            | '\u{3040}'..='\u{30FF}'
            | '\u{3100}'..='\u{312F}'
            | '\u{3190}'..='\u{33FF}'
            | '\u{FE10}'..='\u{FE1F}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF01}'..='\u{FFEF}'
        )
}

/// Display width in columns: 2 for [CJK](is_cjk) characters and Hangul, 0 for the zero-width
/// space and U+FEFF, 1 for everything else.
#[inline]
pub(crate) fn column_width(c: char) -> usize {
    if is_cjk(c) || matches!(c, '\u{1100}'..='\u{115F}' | '\u{AC00}'..='\u{D7A3}') {
        2
    } else if matches!(c, '\u{200B}' | '\u{FEFF}') {
        0
    } else {
        1
    }
}

/// The scripts of the runs of code points that [`letter_block`] knows to be letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LetterBlock {
    Latin,
    Greek,
    Cyrillic,
    Hebrew,
    Arabic,
}

/// The script of `c` when it lies in a run of code points that are all letters of one
/// script: the ASCII letters, the letters of Latin-1 and Latin Extended-A and -B, the basic
/// Greek, Cyrillic, Hebrew and Arabic letters. It answers without Unicode's property tables
/// (`char::is_alphabetic` searches them for every character past ASCII); `None` says
/// nothing, `c` may still be a letter. A test checks every code point against
/// `char::is_alphabetic`.
#[inline]
pub(crate) fn letter_block(c: char) -> Option<LetterBlock> {
    Some(match c {
        'a'..='z'
        | 'A'..='Z'
        | '\u{C0}'..='\u{D6}'
        | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{24F}' => LetterBlock::Latin,
        '\u{391}'..='\u{3A1}' | '\u{3A3}'..='\u{3CE}' => LetterBlock::Greek,
        '\u{400}'..='\u{481}' | '\u{48A}'..='\u{52F}' => LetterBlock::Cyrillic,
        '\u{5D0}'..='\u{5EA}' => LetterBlock::Hebrew,
        '\u{620}'..='\u{64A}' => LetterBlock::Arabic,
        _ => return None,
    })
}

/// `char::is_alphanumeric`, quick for ASCII and the letters of [`letter_block`].
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (!c.is_ascii() && (letter_block(c).is_some() || c.is_alphanumeric()))
}

/// Whether `c` is a letter of the Latin blocks (Basic Latin, Latin-1, Latin Extended-A and -B,
/// Latin Extended Additional; not the full-width forms `Ａ`): what tells English text from
/// Chinese text in a mixed document.
#[inline]
pub(crate) fn is_latin_letter(c: char) -> bool {
    letter_block(c) == Some(LetterBlock::Latin)
        || (matches!(c, '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic())
}

/// Whether `c` is a letter of any script that is not [CJK](is_cjk) (Latin, Greek, Cyrillic,
/// ...): a letter of a script whose words are hyphenated at line ends.
#[inline]
pub(crate) fn is_non_cjk_letter(c: char) -> bool {
    c.is_alphabetic() && !is_cjk(c)
}

/// Letters common in the texts bialign reads (ASCII letters and digits, Latin, Greek and
/// Cyrillic letters, the main blocks of CJK ideographs, kana, Hangul syllables). A run of
/// other characters makes UAX #29 sentence splitting quadratic, so the English splitter cuts
/// its input inside long runs without one.
#[inline]
pub(crate) fn is_common_letter(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c,
            '\u{C0}'..='\u{D6}'
            | '\u{D8}'..='\u{F6}'
            | '\u{F8}'..='\u{24F}'
            | '\u{386}'..='\u{3FF}'
            | '\u{400}'..='\u{482}'
            | '\u{48A}'..='\u{4FF}'
            | '\u{3041}'..='\u{30FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7A3}')
}

/// Characters that make up most of the non-ASCII text of a Chinese file: the common
/// ideographs (U+4E00 to U+9FFF), CJK symbols and punctuation, the full-width ASCII forms, and
/// the general punctuation Chinese uses (`— ‘ ’ “ ” … ·`). Decoding takes a legacy encoding
/// to be right when nearly all its non-ASCII characters are of these.
#[inline]
pub(crate) fn is_common_in_chinese(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF5E}'
        | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{2026}' | '\u{00B7}')
}

/// A mark that only Chinese (or Japanese) text uses: a character of the [Han
/// script](is_han_script) or a CJK symbol or punctuation mark (`。、「」《》`), not the
/// ideographic space (which English copied from Chinese documents carries). A text with none
/// cannot be the Chinese side of a pair: a subset of [`is_cjk`].
#[inline]
pub(crate) fn is_chinese_mark(c: char) -> bool {
    is_han_script(c) || ('\u{3001}'..='\u{303F}').contains(&c)
}

/// Maps the full-width ASCII variants U+FF01..U+FF5E to ASCII and U+3000 IDEOGRAPHIC SPACE to
/// a space; every other character is returned unchanged. For matching only: the normalised
/// text keeps full-width forms.
#[inline]
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The simplified form of a traditional-only Han character (`說` to `说`, `門` to `门`);
/// every other character, simplified ones and those written in both scripts (`著`, `乾`)
/// among them, is returned unchanged. For matching only, like [`fold_width`]: the bundled
/// lexicon is written in simplified characters, and a traditional text (Taiwan, Hong
/// Kong, the older Bibles) should meet it. The table, `data/t2s.tsv`, is made from
/// CC-CEDICT by `scripts/build-t2s`.
#[inline]
pub fn to_simplified(c: char) -> char {
    // No traditional-only character lies below CJK Extension A.
    if c < '\u{3400}' {
        return c;
    }
    let table = t2s_table();
    match table.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(k) => table[k].1,
        Err(_) => c,
    }
}

/// A character as the lexicon matches it: width folded ([`fold_width`]), then simplified
/// ([`to_simplified`]).
#[inline]
pub fn fold_for_matching(c: char) -> char {
    to_simplified(fold_width(c))
}

/// The traditional-to-simplified pairs of `data/t2s.tsv`, sorted by the traditional
/// character, parsed once.
fn t2s_table() -> &'static [(char, char)] {
    static TABLE: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut pairs: Vec<(char, char)> = include_str!("../../data/t2s.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut chars = l.chars();
                let (t, tab, s) = (chars.next()?, chars.next()?, chars.next()?);
                (tab == '\t' && chars.next().is_none()).then_some((t, s))
            })
            .collect();
        // The file is sorted; sorting again keeps the search right if an edit breaks that.
        pairs.sort_unstable();
        pairs
    })
}

// ---------------------------------------------------------------------------------------------
// Digits and numerals
// ---------------------------------------------------------------------------------------------

/// An ASCII or a full-width digit (`3`, `３`).
#[inline]
pub(crate) fn is_digit_any_width(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The value of a Chinese digit: `零 〇 ○` to `九`, with the financial forms (`壹 贰 ...`) and
/// `两`.
#[inline]
pub(crate) fn zh_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' | '兩' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// A character of a Chinese number: a [digit](zh_digit) or a unit (`十 百 千 万 亿` and their
/// financial and traditional forms).
#[inline]
pub(crate) fn is_zh_numeral(c: char) -> bool {
    zh_digit(c).is_some()
        || matches!(
            c,
            '十' | '拾' | '百' | '佰' | '千' | '仟' | '万' | '萬' | '亿' | '億'
        )
}

/// The Chinese numerals of list enumerators (`一、`, `（三）`, `第十二条`, `二.`): 〇, 零, 一
/// to 十, 百, 千. A subset of [`is_zh_numeral`]: list items are not numbered in financial
/// forms or in ten thousands.
#[inline]
pub(crate) fn is_zh_list_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
    )
}

/// Characters after a numeral that make a lone small numeral (`一`, `三`) a real quantity
/// rather than part of a word (`一起`, `三心二意`).
#[inline]
pub(crate) fn is_zh_counter(c: char) -> bool {
    matches!(
        c,
        '月' | '日'
            | '号'
            | '年'
            | '岁'
            | '个'
            | '人'
            | '次'
            | '名'
            | '位'
            | '天'
            | '点'
            | '时'
            | '分'
            | '秒'
            | '章'
            | '节'
            | '条'
            | '款'
            | '项'
            | '届'
            | '倍'
            | '里'
            | '米'
            | '元'
            | '块'
            | '本'
            | '只'
            | '头'
            | '匹'
            | '家'
            | '座'
            | '层'
            | '期'
            | '周'
            | '艘'
            | '辆'
            | '架'
            | '部'
            | '句'
            | '遍'
            | '张'
            | '支'
            | '枚'
            | '件'
            | '种'
    )
}

// ---------------------------------------------------------------------------------------------
// Whitespace, line ends, controls
// ---------------------------------------------------------------------------------------------

/// Whitespace for normalisation: Unicode White_Space (`char::is_whitespace`) plus U+200B ZERO
/// WIDTH SPACE and U+FEFF, which PDF and Word extraction leave between words. Normalised text
/// holds none of the two, so the later stages use `char::is_whitespace`.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

/// The line terminators of a text file: LF, CR (alone or before LF), U+2028 LINE SEPARATOR
/// and U+2029 PARAGRAPH SEPARATOR. Normalisation splits lines at these and no others.
#[inline]
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Whether `c` ends a line for a splitter (a blank line between two of them separates
/// paragraphs): the [line breaks](is_line_break) and also vertical tab, form feed and NEL,
/// since a splitter may be given text that was not normalised.
#[inline]
pub(crate) fn is_line_end(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Whether `c` is replaced by a space in Moses output: a character that `str::lines` in
/// Rust, Python's `str.splitlines` or a tab-separated reader may treat as a break: the line
/// ends of the splitters, tab, and the separators U+001C to U+001E.
#[inline]
pub fn is_line_or_field_break(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n'
            | '\u{0B}'
            | '\u{0C}'
            | '\r'
            | '\u{1C}'
            | '\u{1D}'
            | '\u{1E}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Control characters that do not occur in text files: every control character but tab, line
/// feed, vertical tab, form feed, carriage return, NEL, escape, backspace, bell and U+001A
/// (the DOS end of file). Decoding refuses input with many of them as binary.
#[inline]
pub(crate) fn is_binary_control(c: char) -> bool {
    c.is_control()
        && !matches!(
            c,
            '\t' | '\n'
                | '\u{0B}'
                | '\u{0C}'
                | '\r'
                | '\u{85}'
                | '\u{1B}'
                | '\u{08}'
                | '\u{07}'
                | '\u{1A}'
        )
}

/// Whether XML 1.0 allows `c` in a document (as a literal or a character reference).
#[inline]
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// Whether `c` must not begin a piece of a hard cut (combining marks, joiners, variation
/// selectors, skin-tone modifiers): cutting before it would separate it from its base char.
#[inline]
pub(crate) fn is_attached(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{E0100}'..='\u{E01EF}'
        | '\u{1F3FB}'..='\u{1F3FF}')
}

// ---------------------------------------------------------------------------------------------
// Speaker tags
//
// A Chinese speaker tag is a short name or pronoun and a speech verb before a colon and an
// opening quote (`韦小宝道：“……”`, `他问：“……”`), or after the closing quote
// (`“……”他说。`). Translators often drop it, or render it as a short `he said`.
// ---------------------------------------------------------------------------------------------

/// The last character of a Chinese speech verb that introduces a quotation: `道` (`说道 笑道
/// 问道 喝道`), `说`, `问`, `答`, `叫`, `喊`, `嚷`, `骂`.
#[inline]
pub(crate) fn is_speech_verb_end(c: char) -> bool {
    matches!(c, '道' | '说' | '问' | '答' | '叫' | '喊' | '嚷' | '骂')
}

/// Colons that end a speaker tag before its quotation.
#[inline]
pub(crate) fn is_tag_colon(c: char) -> bool {
    matches!(c, '：' | ':' | '，' | ',')
}

/// Commas that end the narration before a speaker tag (`小玄子一怔，道：`): the tag is what
/// follows the last of them.
#[inline]
pub(crate) fn is_clause_comma(c: char) -> bool {
    matches!(c, '，' | ',' | '、' | '；' | ';')
}

// ---------------------------------------------------------------------------------------------
// Quotes and brackets
//
// Every quotation mark and bracket the splitters and features know, by side. Straight quotes
// (`" ' ＂ ＇`) open and close. The CJK subsets leave out what could also open (or close) or
// belongs to Western typography: straight quotes, ASCII brackets and guillemets (`»` opens
// in German and Danish); the curly quotes `“ ” ‘ ’` are in them, Chinese uses them.
// ---------------------------------------------------------------------------------------------

/// The straight quotation marks, ASCII and full-width: they open and close.
#[inline]
pub(crate) fn is_straight_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '＂' | '＇')
}

/// Opening quotation marks, straight quotes included.
#[inline]
pub(crate) fn is_opening_quote(c: char) -> bool {
    is_straight_quote(c) || matches!(c, '“' | '‘' | '«' | '‹' | '「' | '『' | '﹁' | '﹃' | '｢')
}

/// The low quotation marks that open a German (or Polish, Czech, ...) quotation, closed by
/// `“ ‘`: openers of a sentence to the alphabetic splitter, left out of [`is_opener`]
/// (whose pairs the tests check) as their closers open elsewhere.
#[inline]
pub(crate) fn is_low_quote(c: char) -> bool {
    matches!(c, '„' | '‚')
}

/// Closing quotation marks, straight quotes included (`’` is also the apostrophe).
#[inline]
pub(crate) fn is_closing_quote(c: char) -> bool {
    is_straight_quote(c) || matches!(c, '”' | '’' | '»' | '›' | '」' | '』' | '﹂' | '﹄' | '｣')
}

/// What a character does to the state "inside a quotation" that runs across sentences:
/// double quotation marks only (`‘ ’` are also apostrophes), straight ones toggle it.
#[inline]
pub(crate) fn quote_effect(c: char) -> Option<QuoteEffect> {
    match c {
        '“' | '„' | '「' | '『' | '«' | '﹁' | '﹃' | '｢' => Some(QuoteEffect::Open),
        '”' | '」' | '』' | '»' | '﹂' | '﹄' | '｣' => Some(QuoteEffect::Close),
        '"' | '＂' => Some(QuoteEffect::Toggle),
        _ => None,
    }
}

/// See [`quote_effect`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum QuoteEffect {
    Open,
    Close,
    Toggle,
}

/// Opening brackets, title marks (`《 〈`) included.
#[inline]
pub(crate) fn is_opening_bracket(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '（' | '［' | '《' | '〈' | '【' | '〔' | '〖' | '〘' | '〚'
    )
}

/// Closing brackets, title marks (`》 〉`) included.
#[inline]
pub(crate) fn is_closing_bracket(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '）' | '］' | '》' | '〉' | '】' | '〕' | '〗' | '〙' | '〛'
    )
}

/// Opening quotes and brackets: what may come before the first word of a sentence.
#[inline]
pub(crate) fn is_opener(c: char) -> bool {
    is_opening_quote(c) || is_opening_bracket(c)
}

/// Closing quotes and brackets: what may follow sentence-final punctuation and stays with the
/// sentence it ends.
#[inline]
pub(crate) fn is_closer(c: char) -> bool {
    is_closing_quote(c) || is_closing_bracket(c)
}

/// Closing quotes and brackets of CJK typography, which cannot open anything: the
/// [closers](is_closer) without straight quotes, ASCII brackets and guillemets. The Chinese
/// splitter takes them into a sentence even after whitespace (`“呸，你不会摔交。 ”`).
#[inline]
pub(crate) fn is_cjk_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’'
            | '」'
            | '』'
            | '﹂'
            | '﹄'
            | '｣'
            | '）'
            | '］'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
    )
}

/// Opening quotes and brackets of CJK typography: the [openers](is_opener) without straight
/// quotes, ASCII brackets and guillemets. The Chinese splitter lets an ASCII full stop end a
/// sentence before one.
#[inline]
pub(crate) fn is_cjk_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '‘'
            | '「'
            | '『'
            | '﹁'
            | '﹃'
            | '｢'
            | '（'
            | '［'
            | '《'
            | '〈'
            | '【'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
    )
}

/// The closing quotation marks of CJK typography (`” ’ 」 』 ﹂ ﹄ ｣`): an utterance is over.
#[inline]
pub(crate) fn is_cjk_closing_quote(c: char) -> bool {
    is_cjk_closer(c) && is_closing_quote(c)
}

/// The opening quotation marks of CJK typography (`“ ‘ 「 『 ﹁ ﹃ ｢`): an utterance starts.
#[inline]
pub(crate) fn is_cjk_opening_quote(c: char) -> bool {
    is_cjk_opener(c) && is_opening_quote(c)
}

/// Quotes and brackets that are not [CJK](is_cjk) characters themselves (the ASCII ones,
/// curly quotes, guillemets): whether a sentence begins or ends in Chinese is decided by the
/// character inside them.
#[inline]
pub(crate) fn is_non_cjk_quote_or_bracket(c: char) -> bool {
    (is_opener(c) || is_closer(c)) && !is_cjk(c)
}

/// The inverted marks that open Spanish questions and exclamations (`¿ ¡`).
#[inline]
pub(crate) fn is_inverted_mark(c: char) -> bool {
    matches!(c, '¿' | '¡')
}

// ---------------------------------------------------------------------------------------------
// Sentence-final punctuation, dashes, other marks
// ---------------------------------------------------------------------------------------------

/// The kind of a sentence-final mark, see [`sentence_terminator`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Terminator {
    /// A full stop: `.`, `．`, `․`, `﹒` (also a decimal point, an abbreviation mark, ...).
    FullStop,
    /// An ellipsis: `…`, `⋯`.
    Ellipsis,
    /// A question or exclamation mark (`? ! ‽ ⁇ ⁈ ⁉ ‼ ﹖ ﹗`).
    Strong,
    /// An ideographic full stop or a full-width `！ ？`: they end a sentence without a space
    /// after them.
    Ideographic,
}

/// The sentence-final marks of every script bialign splits, with their kind: the one table
/// of terminators the splitters and normalisation use.
#[inline]
pub(crate) fn sentence_terminator(c: char) -> Option<Terminator> {
    match c {
        '.' | '．' | '․' | '﹒' => Some(Terminator::FullStop),
        '…' | '⋯' => Some(Terminator::Ellipsis),
        // `؟` the Arabic question mark, `۔` the Urdu full stop.
        '?' | '!' | '‽' | '⁇' | '⁈' | '⁉' | '‼' | '﹖' | '﹗' | '؟' | '۔' => {
            Some(Terminator::Strong)
        }
        '。' | '！' | '？' | '｡' => Some(Terminator::Ideographic),
        _ => None,
    }
}

/// The value of a decimal digit of any script Unicode has (ASCII, Arabic-Indic, Persian,
/// Devanagari, Bengali, Thai, full-width, ...): every block of them is ten code points from
/// its zero.
pub(crate) fn decimal_digit(c: char) -> Option<u8> {
    const ZEROS: [u32; 22] = [
        0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
        0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x17E0, 0x1810, 0x1946, 0xFF10,
    ];
    let u = c as u32;
    ZEROS
        .iter()
        .find(|&&z| (z..z + 10).contains(&u))
        .map(|&z| (u - z) as u8)
}

/// The invisible marks of bidirectional text (LRM, RLM, the Arabic letter mark, the
/// embeddings, overrides and isolates): they belong to no word and start no sentence.
#[inline]
pub(crate) fn is_format_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// An ellipsis (`…`, `⋯`; the ASCII `...` is three full stops).
#[inline]
pub(crate) fn is_ellipsis(c: char) -> bool {
    sentence_terminator(c) == Some(Terminator::Ellipsis)
}

/// Dashes that can end an interrupted utterance in English (`—`, `–`, `―`, `-`).
#[inline]
pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―' | '-')
}

/// The long dashes (`—`, `―`), of which Chinese writes its dash `——`: a subset of
/// [`is_dash`] without the en dash and the hyphen, which in Chinese text join ranges and
/// words.
#[inline]
pub(crate) fn is_long_dash(c: char) -> bool {
    matches!(c, '—' | '―')
}

/// Punctuation used in both Chinese and English text (curly quotes, `… — – · ‧ •`): for the
/// spacing rules it is CJK when the character on its other side is.
#[inline]
pub(crate) fn is_ambiguous_punct(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·' | '‧' | '•' | '–')
}

/// Bullets that start a list item (`•`, `●`, `▪`, `※`, ...), with or without a space after them.
#[inline]
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '▪'
            | '▫'
            | '‣'
            | '●'
            | '○'
            | '■'
            | '□'
            | '◆'
            | '◇'
            | '►'
            | '▶'
            | '➢'
            | '✓'
            | '✔'
            | '※'
            | '·'
            | '⁃'
            | '∙'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_blocks_hold_only_letters() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if letter_block(c).is_some() {
                assert!(c.is_alphabetic(), "{c:?} (U+{:04X}) is no letter", c as u32);
            }
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            let latin = c.is_ascii_alphabetic()
                || (matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
                    && c.is_alphabetic());
            assert_eq!(is_latin_letter(c), latin, "{c:?}");
        }
    }

    #[test]
    fn chinese_marks_are_cjk_and_include_han() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if is_chinese_mark(c) {
                assert!(is_cjk(c), "{c:?} is a Chinese mark but not CJK");
            }
            if is_han_script(c) {
                assert!(is_chinese_mark(c), "{c:?} is Han but not a Chinese mark");
            }
        }
        assert!(is_chinese_mark('。') && is_chinese_mark('《') && !is_chinese_mark('\u{3000}'));
    }

    /// Every Unicode scalar value.
    fn all() -> impl Iterator<Item = char> {
        (0..=0x10FFFF).filter_map(char::from_u32)
    }

    /// The characters where `a` holds and `b` does not.
    fn minus(a: impl Fn(char) -> bool, b: impl Fn(char) -> bool) -> Vec<char> {
        all().filter(|&c| a(c) && !b(c)).collect()
    }

    fn chars_of(ranges: &[(char, char)]) -> Vec<char> {
        let mut v: Vec<char> = ranges.iter().flat_map(|&(a, b)| a..=b).collect();
        v.sort_unstable();
        v
    }

    /// Quotes and brackets by pair: the sides of every pair, with the straight quotes, are
    /// exactly the openers and closers.
    const PAIRS: &[(char, char)] = &[
        ('“', '”'),
        ('‘', '’'),
        ('«', '»'),
        ('‹', '›'),
        ('「', '」'),
        ('『', '』'),
        ('﹁', '﹂'),
        ('﹃', '﹄'),
        ('｢', '｣'),
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
        ('（', '）'),
        ('［', '］'),
        ('《', '》'),
        ('〈', '〉'),
        ('【', '】'),
        ('〔', '〕'),
        ('〖', '〗'),
        ('〘', '〙'),
        ('〚', '〛'),
    ];

    #[test]
    fn han_ideographs_are_the_han_script_without_radicals_and_marks() {
        let extra = minus(is_han_script, is_han_ideograph);
        let want = chars_of(&[
            ('\u{2E80}', '\u{2FDF}'),
            ('々', '々'),
            ('\u{3021}', '\u{3029}'),
        ]);
        assert_eq!(
            extra, want,
            "is_han_script = is_han_ideograph + radicals, 々, 〡..〩"
        );
        assert!(minus(is_han_ideograph, is_han_script).is_empty());
        assert!(minus(is_han_script, is_cjk).is_empty(), "Han script is CJK");
        assert!(is_han_ideograph('中') && is_han_ideograph('〇') && is_han_ideograph('\u{2F800}'));
        assert!(!is_han_ideograph('。') && !is_han_ideograph('カ') && !is_han_ideograph('々'));
    }

    #[test]
    fn cjk_classes() {
        for c in [
            '中', '。', '，', '「', 'カ', 'ㄅ', 'Ａ', '\u{3000}', '㈠', '﹁',
        ] {
            assert!(is_cjk(c), "{c:?}");
        }
        for c in ['a', '“', '”', '—', '…', '·', '한'] {
            assert!(!is_cjk(c), "{c:?}");
        }
        // Two columns for CJK and Hangul, none for the zero-width characters.
        assert!(all().all(|c| (column_width(c) == 2)
            == (is_cjk(c)
                || ('\u{1100}'..='\u{115F}').contains(&c)
                || ('가'..='힣').contains(&c))));
        assert_eq!(column_width('\u{200B}'), 0);
        assert_eq!(column_width('a'), 1);
        // What decoding calls common in Chinese text is CJK or punctuation shared with English.
        assert!(minus(is_common_in_chinese, |c| is_cjk(c) || is_ambiguous_punct(c)).is_empty());
    }

    #[test]
    fn latin_letters_are_non_cjk_letters() {
        assert!(minus(is_latin_letter, is_non_cjk_letter).is_empty());
        // The difference: other alphabetic scripts, e.g. Greek and Cyrillic.
        assert!(is_non_cjk_letter('α') && !is_latin_letter('α'));
        assert!(is_non_cjk_letter('Ж') && !is_latin_letter('Ж'));
        assert!(!is_latin_letter('Ａ') && !is_non_cjk_letter('Ａ') && !is_non_cjk_letter('中'));
        // The UAX #29 guard's common letters hold the Latin letters below U+0250 and the two
        // main ideograph blocks.
        assert!(minus(|c| is_latin_letter(c) && c < '\u{250}', is_common_letter).is_empty());
        assert!(minus(
            |c| is_han_ideograph(c) && c <= '\u{9FFF}' && c != '〇',
            is_common_letter
        )
        .is_empty());
    }

    #[test]
    fn width_folding() {
        let folded: Vec<char> = all().filter(|&c| fold_width(c) != c).collect();
        let mut want = chars_of(&[('\u{FF01}', '\u{FF5E}')]);
        want.insert(0, '\u{3000}');
        assert_eq!(folded, want);
        assert!(folded.iter().all(|&c| fold_width(c).is_ascii()));
        assert_eq!(fold_width('Ａ'), 'A');
        assert_eq!(fold_width('，'), ',');
    }

    #[test]
    fn traditional_folding() {
        for (t, s) in [
            ('說', '说'),
            ('門', '门'),
            ('們', '们'),
            ('臺', '台'),
            ('亞', '亚'),
        ] {
            assert_eq!(to_simplified(t), s, "{t}");
        }
        // Simplified characters, those of both scripts, and everything else stay.
        for c in ['说', '著', '乾', '中', 'A', '，', '\u{3000}'] {
            assert_eq!(to_simplified(c), c, "{c}");
        }
        assert_eq!(fold_for_matching('Ａ'), 'A');
        assert_eq!(fold_for_matching('國'), '国');
        // Every line of the table is a pair of Han characters, and nothing it yields is
        // itself folded again.
        let table = t2s_table();
        assert!(table.len() > 3000, "{} pairs", table.len());
        assert!(table
            .iter()
            .all(|&(t, s)| is_han_script(t) && is_han_script(s)));
        assert!(table.iter().all(|&(_, s)| to_simplified(s) == s));
    }

    #[test]
    fn numerals_and_digits() {
        // List enumerators use the plain numerals only.
        assert!(minus(is_zh_list_numeral, is_zh_numeral).is_empty());
        assert!(minus(is_zh_list_numeral, is_han_ideograph).is_empty());
        assert_eq!(
            minus(is_zh_numeral, is_zh_list_numeral),
            "○两万仟伍佰兩叁壹拾捌柒玖肆萬貳陆陸億亿贰"
                .chars()
                .filter(|&c| is_zh_numeral(c))
                .fold(Vec::new(), |mut v, c| {
                    v.push(c);
                    v.sort_unstable();
                    v.dedup();
                    v
                })
        );
        assert_eq!(
            all().filter(|&c| is_digit_any_width(c)).count(),
            20,
            "ASCII and full-width digits"
        );
    }

    #[test]
    fn whitespace_and_line_ends() {
        assert_eq!(
            minus(is_space, char::is_whitespace),
            ['\u{200B}', '\u{FEFF}'],
            "normalisation's spaces are White_Space and the zero-width space and U+FEFF"
        );
        assert!(minus(char::is_whitespace, is_space).is_empty());
        assert!(minus(is_line_break, is_line_end).is_empty());
        assert_eq!(
            minus(is_line_end, is_line_break),
            ['\u{0B}', '\u{0C}', '\u{85}'],
            "the splitters' line ends are the line breaks with VT, FF and NEL"
        );
        assert!(minus(is_line_end, is_line_or_field_break).is_empty());
        assert_eq!(
            minus(is_line_or_field_break, is_line_end),
            ['\t', '\u{1C}', '\u{1D}', '\u{1E}'],
            "Moses breaks are the line ends with tab and U+001C to U+001E"
        );
        assert!(minus(is_line_end, is_space).is_empty());
        assert!(minus(is_binary_control, char::is_control).is_empty());
        assert!(minus(is_line_end, |c| !is_binary_control(c)).is_empty());
        let not_xml: Vec<char> = all().filter(|&c| !is_xml_char(c)).collect();
        let mut want: Vec<char> = ('\0'..' ')
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        want.extend(['\u{FFFE}', '\u{FFFF}']);
        assert_eq!(not_xml, want);
        assert!(is_attached('\u{301}') && is_attached('\u{FE0F}') && !is_attached('e'));
    }

    #[test]
    fn quotes_and_brackets_come_in_pairs() {
        let straight = ['"', '\'', '＂', '＇'];
        let mut openers: Vec<char> = PAIRS.iter().map(|p| p.0).chain(straight).collect();
        let mut closers: Vec<char> = PAIRS.iter().map(|p| p.1).chain(straight).collect();
        openers.sort_unstable();
        closers.sort_unstable();
        assert_eq!(all().filter(|&c| is_opener(c)).collect::<Vec<_>>(), openers);
        assert_eq!(all().filter(|&c| is_closer(c)).collect::<Vec<_>>(), closers);
        for &(open, close) in PAIRS {
            let quote = is_opening_quote(open);
            assert_eq!(
                quote,
                is_closing_quote(close),
                "{open}{close}: both quotes or neither"
            );
            assert_eq!(
                !quote,
                is_opening_bracket(open) && is_closing_bracket(close)
            );
            assert_eq!(is_cjk_opener(open), is_cjk_closer(close), "{open}{close}");
        }
        assert_eq!(
            minus(is_opener, |c| !is_closer(c)),
            all().filter(|&c| is_straight_quote(c)).collect::<Vec<_>>(),
            "only straight quotes open and close"
        );
    }

    #[test]
    fn cjk_quotes_and_brackets_are_those_that_cannot_face_both_ways() {
        // The CJK closers are the closers without straight quotes, ASCII and guillemets; the
        // same for openers.
        let western = |c: char| is_straight_quote(c) || c.is_ascii() || "«»‹›".contains(c);
        assert_eq!(
            all().filter(|&c| is_cjk_closer(c)).collect::<Vec<_>>(),
            minus(is_closer, western)
        );
        assert_eq!(
            all().filter(|&c| is_cjk_opener(c)).collect::<Vec<_>>(),
            minus(is_opener, western)
        );
        // All of them are CJK characters but the curly quotes.
        assert_eq!(
            minus(|c| is_cjk_closer(c) || is_cjk_opener(c), is_cjk),
            ['‘', '’', '“', '”']
        );
        assert_eq!(
            all()
                .filter(|&c| is_cjk_closing_quote(c))
                .collect::<String>(),
            "’”」』﹂﹄｣"
        );
        assert_eq!(
            all()
                .filter(|&c| is_cjk_opening_quote(c))
                .collect::<String>(),
            "‘“「『﹁﹃｢"
        );
        // What export looks past: the quotes and brackets that are not CJK characters.
        assert_eq!(
            all()
                .filter(|&c| is_non_cjk_quote_or_bracket(c))
                .collect::<String>(),
            "\"'()[]{}«»‘’“”‹›"
        );
        // Of them, normalisation's ambiguous punctuation holds the curly quotes.
        assert_eq!(
            all()
                .filter(|&c| is_non_cjk_quote_or_bracket(c) && is_ambiguous_punct(c))
                .collect::<String>(),
            "‘’“”"
        );
    }

    #[test]
    fn sentence_stops_and_dashes() {
        let stops: String = all()
            .filter(|&c| sentence_terminator(c).is_some())
            .collect();
        assert_eq!(stops, "!.?؟۔․…‼‽⁇⁈⁉⋯。﹒﹖﹗！．？｡");
        assert!(all().all(|c| is_ellipsis(c) == matches!(c, '…' | '⋯')));
        assert!(minus(
            |c| sentence_terminator(c).is_some(),
            |c| !(is_opener(c) || is_closer(c))
        )
        .is_empty());
        assert_eq!(sentence_terminator('。'), Some(Terminator::Ideographic));
        assert_eq!(sentence_terminator('．'), Some(Terminator::FullStop));
        assert!(minus(is_long_dash, is_dash).is_empty());
        assert_eq!(
            minus(is_dash, is_long_dash),
            ['-', '–'],
            "Chinese dashes are the long ones"
        );
        assert!(is_bullet('•') && is_bullet('※') && !is_bullet('-'));
    }
}
