//! Where each byte of decoded text came from in the file: a map from offsets in the decoded
//! (UTF-8) text to offsets in the bytes as given.
//!
//! The map is a list of runs. Within a run every unit (one character, or the few characters
//! one byte sequence decodes to) takes the same number of bytes in the text (`text_step`)
//! and in the file (`file_step`), so an offset inside a run is found by one division. Valid
//! UTF-8 is one run of one-byte units; a replacement character is a unit of its own (three
//! bytes of text for the invalid bytes it stands for); Chinese in GB18030 or UTF-16 is a run
//! of units of three text bytes and two file bytes, broken only where the script changes.

use std::ops::Range;

/// One run of equal units, from `text`/`file` to the next run's start (or the end).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    text: usize,
    file: usize,
    text_step: usize,
    file_step: usize,
}

/// A map from offsets in decoded text to offsets in the file it was decoded from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct OffsetMap {
    /// Sorted by `text`; empty for the identity (UTF-8 without byte order mark or damage).
    runs: Vec<Run>,
    /// The text's length and the file's: the end of the text is the end of the file, even
    /// when the file ends in bytes that decode to nothing.
    text_len: usize,
    file_len: usize,
}

impl OffsetMap {
    /// The map of a text that is its file's bytes, unchanged.
    pub(crate) fn identity(len: usize) -> OffsetMap {
        OffsetMap {
            runs: Vec::new(),
            text_len: len,
            file_len: len,
        }
    }

    /// The file offset of text offset `at`. An offset inside a unit (between two characters
    /// one byte sequence decoded to, or inside a character) gives the unit's start; offsets
    /// past the end give the file's length.
    pub(crate) fn file_offset(&self, at: usize) -> usize {
        if at >= self.text_len {
            return self.file_len;
        }
        if self.runs.is_empty() {
            return at;
        }
        let i = self.runs.partition_point(|r| r.text <= at);
        let Some(run) = i.checked_sub(1).and_then(|i| self.runs.get(i)) else {
            // Before the first run (which starts at 0 whenever there are runs).
            return at;
        };
        let units = (at - run.text) / run.text_step.max(1);
        run.file + units * run.file_step
    }

    /// The file span of text span `span`.
    pub(crate) fn file_span(&self, span: Range<usize>) -> Range<usize> {
        self.file_offset(span.start)..self.file_offset(span.end)
    }
}

/// Builds an [`OffsetMap`] unit by unit, in order.
#[derive(Debug, Default)]
pub(crate) struct MapBuilder {
    map: OffsetMap,
    /// The end of the units pushed so far, in the text and in the file.
    text: usize,
    file: usize,
    /// File bytes that decoded to nothing yet (an escape sequence, say): they belong to the
    /// next unit.
    pending: usize,
}

impl MapBuilder {
    /// A builder whose text starts at file offset `file_start` (after a byte order mark).
    pub(crate) fn starting_at(file_start: usize) -> MapBuilder {
        MapBuilder {
            file: file_start,
            ..MapBuilder::default()
        }
    }

    /// Adds `count` units of `text_step` text bytes and `file_step` file bytes each (no text
    /// bytes: file bytes that belong to the next unit).
    pub(crate) fn push(&mut self, text_step: usize, file_step: usize, mut count: usize) {
        if text_step == 0 {
            self.pending += file_step * count;
            return;
        }
        if count > 0 && self.pending > 0 {
            let first = file_step + std::mem::take(&mut self.pending);
            self.push(text_step, first, 1);
            count -= 1;
        }
        if count == 0 {
            return;
        }
        let continues = self.map.runs.last().is_some_and(|r| {
            r.text_step == text_step
                && r.file_step == file_step
                && r.file + (self.text - r.text) / text_step * file_step == self.file
        });
        if !continues {
            self.map.runs.push(Run {
                text: self.text,
                file: self.file,
                text_step,
                file_step,
            });
        }
        self.text += text_step * count;
        self.file += file_step * count;
    }

    /// The map, for a file of `file_len` bytes.
    pub(crate) fn finish(mut self, file_len: usize) -> OffsetMap {
        self.map.text_len = self.text;
        self.map.file_len = file_len.max(self.file + self.pending);
        // A map that is the identity needs no runs.
        let identity = Run {
            text: 0,
            file: 0,
            text_step: 1,
            file_step: 1,
        };
        if self.map.runs == [identity] {
            self.map.runs.clear();
        }
        self.map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_map_offsets() {
        // A BOM (3 bytes), "ab" (1:1), two Chinese characters in UTF-16 (3:2), "c" in
        // UTF-16 (1:2).
        let mut b = MapBuilder::starting_at(3);
        b.push(1, 1, 2);
        b.push(3, 2, 2);
        b.push(1, 2, 1);
        let m = b.finish(12);
        let cases = [(0, 3), (1, 4), (2, 5), (5, 7), (8, 9), (9, 12), (100, 12)];
        for (text, file) in cases {
            assert_eq!(m.file_offset(text), file, "text offset {text}");
        }
        // Inside a unit: its start.
        assert_eq!(m.file_offset(3), 5);
        assert_eq!(m.file_span(2..8), 5..9);
    }

    #[test]
    fn identity_has_no_runs() {
        let mut b = MapBuilder::starting_at(0);
        b.push(1, 1, 10);
        b.push(1, 1, 5);
        let m = b.finish(15);
        assert_eq!(m, OffsetMap::identity(15));
        assert_eq!(m.file_offset(7), 7);
    }

    #[test]
    fn bytes_without_text_go_to_the_next_unit() {
        let mut b = MapBuilder::starting_at(0);
        b.push(1, 1, 1);
        b.push(0, 3, 1);
        b.push(3, 2, 1);
        let m = b.finish(6);
        // The character starts with the bytes before it (an escape sequence, say).
        assert_eq!(m.file_offset(1), 1);
        assert_eq!(m.file_offset(4), 6);
    }
}
