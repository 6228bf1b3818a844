//! Sentence segmentation: one normalised paragraph in, sentence byte ranges out.
//!
//! One splitter per language ([`ZhSplitter`], [`EnSplitter`]) behind the [`SentenceSplitter`]
//! trait, each in a file of its own, and one table, `splitter(lang)`, that says which splitter a
//! language uses. The invariant every splitter keeps, and the tests check, is that
//! segmentation is **lossless**: the returned ranges are in order, do not overlap, start and
//! end on non-whitespace, and everything outside them is whitespace, so the sentences
//! concatenated with the whitespace between them give back the paragraph.
//!
//! Adding a language is one file and one line of the table: copy `template.rs` (a minimal
//! splitter, documented and tested, in no table) and follow its documentation. The test
//! macro `splitter_tests!` (in `testing.rs`) checks any splitter against the invariant, on
//! samples, hostile strings and arbitrary text.

use std::ops::Range;
use std::sync::Arc;

use super::Lang;

mod alphabetic;
mod common;
mod en;
mod template;
#[cfg(test)]
mod testing;
mod zh;

pub use alphabetic::AlphabeticSplitter;
pub use en::EnSplitter;
pub use zh::ZhSplitter;

/// Splits one paragraph of normalised text into sentences.
pub trait SentenceSplitter: Send + Sync {
    /// Byte ranges of the sentences of `paragraph`, in order (see the module docs for the
    /// invariant). A paragraph of only whitespace has no sentences.
    fn split(&self, paragraph: &str) -> Vec<Range<usize>>;
}

/// The default splitter of each language: the one table of splitters, one line a language.
/// [`Segmenter`](super::Segmenter) uses it for every language it was not given a splitter for.
pub(crate) fn splitter(lang: Lang) -> Arc<dyn SentenceSplitter> {
    match lang {
        Lang::Zh => Arc::new(ZhSplitter::new()),
        Lang::En => Arc::new(EnSplitter::new()),
        // Any other language: the splitter of its profile (the generic one of its script
        // when it has none); Han without a profile splits as Chinese.
        other if other.script() == crate::lang::Script::Han => Arc::new(ZhSplitter::new()),
        other => Arc::new(AlphabeticSplitter::new(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::testing::splitter_tests;
    use super::*;

    const ZH_SAMPLES: &[&str] = &[
        "他说：“你来了？”她点点头。“走吧！”他说。",
        "阿塞拜疆常驻联合国日内瓦办事处代表团谨此向联合国人权事务高级专员办事处提交2021年4月5日的声明。",
        "《关于禁止使用、储存、生产和转让杀伤人员地雷及销毁此种地雷的公约》（渥太华公约）。见附件。",
        "我…… 我不知道；也许吧。“不过……”他没有说下去。3.5元，完成.下一步",
    ];

    const EN_SAMPLES: &[&str] = &[
        "Mr. Smith arrived at 10 a.m. on 5 Jan. 2021. \"Stop!\" he said. 85 people left.",
        "Today marks the International Day for Mine Awareness (see A/HRC/47/G/5). It is No. 5.",
        "\"Where is it?\" Wang asked. \"Is it done?\" He shook his head. I... I don't know.",
        "1. Introduction: the U.S. and the U.K. agreed, e.g. on art. 3; see www.un.org. The end",
    ];

    splitter_tests!(zh, ZhSplitter::new(), ZH_SAMPLES);
    splitter_tests!(
        zh_every_option,
        ZhSplitter::new()
            .with_semicolon_breaks(true)
            .with_ellipsis_breaks(true)
            .with_max_chars(20),
        ZH_SAMPLES
    );
    splitter_tests!(en, EnSplitter::new(), EN_SAMPLES);
    splitter_tests!(en_short, EnSplitter::new().with_max_chars(20), EN_SAMPLES);

    #[test]
    fn the_table_gives_each_language_its_splitter() {
        let text = "他说：“你来了？”她点点头。Mr. Smith left.";
        for (lang, want) in [
            (Lang::Zh, ZhSplitter::new().split(text)),
            (Lang::En, EnSplitter::new().split(text)),
        ] {
            assert_eq!(splitter(lang).split(text), want, "{lang}");
        }
    }
}
