//! Offset units and the only conversions between them.
//!
//! Three units meet in Marginalia, and mixing them up is the classic
//! annotation-tool bug (emoji and CRLF offsets in Label Studio, doccano, brat):
//!
//! | unit | who counts in it | type |
//! |---|---|---|
//! | UTF-8 bytes | Rust `str` slicing, the analysis engine internally | [`ByteRange`] |
//! | UTF-16 code units | the DOM, JavaScript `String.length`, `Selection` | [`Utf16Range`] |
//! | Unicode code points | stored annotations, every export format, the W3C `TextPositionSelector`, Python/spaCy, the corpus gold files | [`CharRange`] |
//!
//! Code points are the persisted unit. Every conversion goes through this
//! module; nothing else does offset arithmetic across units.
//!
//! Positions that fall inside a character (a byte inside a multi-byte
//! sequence, a UTF-16 unit between two surrogates) are either rejected
//! (`None`) or snapped explicitly with [`Snap`]; they never panic.

use serde::{Deserialize, Serialize};
use unicode_segmentation::GraphemeCursor;

macro_rules! range_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name {
            /// First position (inclusive).
            pub start: usize,
            /// One past the last position (exclusive).
            pub end: usize,
        }

        impl $name {
            /// A range from `start` to `end`; callers must keep `start <= end`
            /// (see [`Self::checked`] for untrusted input).
            pub const fn new(start: usize, end: usize) -> Self {
                Self { start, end }
            }
            /// `Some` only when `start <= end`.
            pub fn checked(start: usize, end: usize) -> Option<Self> {
                (start <= end).then_some(Self { start, end })
            }
            /// Number of units covered.
            pub fn len(&self) -> usize {
                self.end.saturating_sub(self.start)
            }
            /// True when the range covers nothing.
            pub fn is_empty(&self) -> bool {
                self.end <= self.start
            }
            /// True when both ranges share at least one unit.
            pub fn overlaps(&self, other: &Self) -> bool {
                self.start < other.end && other.start < self.end
            }
            /// True when `other` lies entirely within `self`.
            pub fn contains(&self, other: &Self) -> bool {
                self.start <= other.start && other.end <= self.end
            }
        }
    };
}

range_type!(
    /// A half-open range in **Unicode code points** (Python string indices,
    /// W3C `TextPositionSelector`). The unit of everything saved or exported.
    CharRange
);
range_type!(
    /// A half-open range in **UTF-8 bytes**, valid for slicing a Rust `str`.
    ByteRange
);
range_type!(
    /// A half-open range in **UTF-16 code units**, the DOM's unit.
    Utf16Range
);

/// What to do with a position that falls inside a character.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Snap {
    /// Move back to the start of the character.
    Floor,
    /// Move forward to the end of the character.
    Ceil,
}

/// How many code points lie between two checkpoints.
const STRIDE: usize = 32;

/// Text plus an index that converts offsets between units in
/// O(log n + STRIDE) time and about half a byte of memory per character.
///
/// For pure-ASCII text (most English news) all three units coincide and every
/// conversion is the identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexedText {
    text: String,
    ascii: bool,
    char_len: usize,
    utf16_len: usize,
    /// `(byte, utf16)` offsets of code point `k * STRIDE`.
    checkpoints: Vec<(usize, usize)>,
}

impl IndexedText {
    /// Indexes `text`.
    pub fn new(text: String) -> Self {
        if text.is_ascii() {
            let n = text.len();
            return IndexedText { text, ascii: true, char_len: n, utf16_len: n, checkpoints: Vec::new() };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let (mut chars, mut utf16) = (0usize, 0usize);
        for (byte, c) in text.char_indices() {
            if chars % STRIDE == 0 {
                checkpoints.push((byte, utf16));
            }
            chars += 1;
            utf16 += c.len_utf16();
        }
        IndexedText { text, ascii: false, char_len: chars, utf16_len: utf16, checkpoints }
    }

    /// The text itself.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in code points.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Length in UTF-16 code units.
    pub fn utf16_len(&self) -> usize {
        self.utf16_len
    }

    /// Byte offset of code point `c`; `None` past the end.
    pub fn char_to_byte(&self, c: usize) -> Option<usize> {
        if c > self.char_len {
            return None;
        }
        if self.ascii {
            return Some(c);
        }
        if c == self.char_len {
            return Some(self.text.len());
        }
        let (byte, _) = self.checkpoints[c / STRIDE];
        let skip = c % STRIDE;
        self.text[byte..].char_indices().nth(skip).map(|(b, _)| byte + b)
    }

    /// Code point offset of byte `b`; `None` past the end or inside a character.
    pub fn byte_to_char(&self, b: usize) -> Option<usize> {
        if b > self.text.len() || !self.text.is_char_boundary(b) {
            return None;
        }
        if self.ascii {
            return Some(b);
        }
        let k = self.checkpoints.partition_point(|&(cb, _)| cb <= b) - 1;
        let (cb, _) = self.checkpoints[k];
        Some(k * STRIDE + self.text[cb..b].chars().count())
    }

    /// UTF-16 offset of code point `c`; `None` past the end.
    pub fn char_to_utf16(&self, c: usize) -> Option<usize> {
        if c > self.char_len {
            return None;
        }
        if self.ascii {
            return Some(c);
        }
        if c == self.char_len {
            return Some(self.utf16_len);
        }
        let (byte, utf16) = self.checkpoints[c / STRIDE];
        let extra: usize = self.text[byte..].chars().take(c % STRIDE).map(char::len_utf16).sum();
        Some(utf16 + extra)
    }

    /// Code point offset of UTF-16 offset `u`, snapping a position between
    /// two surrogates as `snap` says; `None` past the end.
    pub fn utf16_to_char(&self, u: usize, snap: Snap) -> Option<usize> {
        if u > self.utf16_len {
            return None;
        }
        if self.ascii {
            return Some(u);
        }
        let k = self.checkpoints.partition_point(|&(_, cu)| cu <= u) - 1;
        let (byte, cu) = self.checkpoints[k];
        Some(k * STRIDE + utf16_to_char_in(&self.text[byte..], u - cu, snap))
    }

    /// The byte range of a code point range; `None` if out of range or reversed.
    pub fn byte_range(&self, r: CharRange) -> Option<ByteRange> {
        if r.start > r.end {
            return None;
        }
        Some(ByteRange::new(self.char_to_byte(r.start)?, self.char_to_byte(r.end)?))
    }

    /// The code point range of a byte range; `None` if out of range, reversed
    /// or not on character boundaries.
    pub fn char_range(&self, r: ByteRange) -> Option<CharRange> {
        if r.start > r.end {
            return None;
        }
        Some(CharRange::new(self.byte_to_char(r.start)?, self.byte_to_char(r.end)?))
    }

    /// The UTF-16 range of a code point range.
    pub fn utf16_range(&self, r: CharRange) -> Option<Utf16Range> {
        if r.start > r.end {
            return None;
        }
        Some(Utf16Range::new(self.char_to_utf16(r.start)?, self.char_to_utf16(r.end)?))
    }

    /// The code point range of a UTF-16 range, widened to whole characters.
    pub fn char_range_from_utf16(&self, r: Utf16Range) -> Option<CharRange> {
        if r.start > r.end {
            return None;
        }
        Some(CharRange::new(self.utf16_to_char(r.start, Snap::Floor)?, self.utf16_to_char(r.end, Snap::Ceil)?))
    }

    /// The text of a code point range; `None` if out of range or reversed.
    /// This is the safe replacement for `&text[a..b]` with untrusted offsets.
    pub fn slice(&self, r: CharRange) -> Option<&str> {
        let b = self.byte_range(r)?;
        Some(&self.text[b.start..b.end])
    }

    /// Widens `r` to whole extended grapheme clusters, so a selection never
    /// holds half an emoji, half a flag or a base letter without its accent.
    /// Out-of-range ends are clamped to the text.
    pub fn snap_to_graphemes(&self, r: CharRange) -> CharRange {
        let start = r.start.min(self.char_len);
        let end = r.end.clamp(start, self.char_len);
        let (Some(bs), Some(be)) = (self.char_to_byte(start), self.char_to_byte(end)) else {
            return CharRange::new(start, end);
        };
        let bs = grapheme_floor(&self.text, bs);
        let be = if be == bs { bs } else { grapheme_ceil(&self.text, be) };
        // Both are char boundaries by construction.
        CharRange::new(self.byte_to_char(bs).unwrap_or(start), self.byte_to_char(be).unwrap_or(end))
    }
}

fn grapheme_floor(text: &str, byte: usize) -> usize {
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => byte,
        _ => cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0),
    }
}

fn grapheme_ceil(text: &str, byte: usize) -> usize {
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => byte,
        _ => cursor.next_boundary(text, 0).ok().flatten().unwrap_or(text.len()),
    }
}

/// Code point offset within `s` of UTF-16 offset `u` (for one DOM text node).
/// Past the end it returns the length in code points.
pub fn utf16_to_char_in(s: &str, u: usize, snap: Snap) -> usize {
    let mut units = 0usize;
    for (i, c) in s.chars().enumerate() {
        if units >= u {
            return i;
        }
        let w = c.len_utf16();
        if units + w > u {
            // `u` points between the two surrogates of `c`.
            return match snap {
                Snap::Floor => i,
                Snap::Ceil => i + 1,
            };
        }
        units += w;
    }
    s.chars().count()
}

/// UTF-16 offset within `s` of code point offset `c` (clamped to the end).
pub fn char_to_utf16_in(s: &str, c: usize) -> usize {
    s.chars().take(c).map(char::len_utf16).sum()
}

/// Byte offset within `s` of code point offset `c` (clamped to the end).
pub fn char_to_byte_in(s: &str, c: usize) -> usize {
    s.char_indices().nth(c).map_or(s.len(), |(b, _)| b)
}

/// Length of `s` in code points.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
#[path = "offsets_tests.rs"]
mod tests;
