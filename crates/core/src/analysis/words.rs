//! Fast membership tests for the engine's word lists.
//!
//! The lists stay readable lists of string literals next to the rules
//! that use them, written with `word_set!`, which stores each as one
//! string; [`WordSet`] turns one into a hash set on first use (FxHash: a
//! multiply-rotate hash, several times cheaper than SipHash for short keys).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FxHash (from rustc): not DoS-resistant, which word lists do not need.
#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A hasher builder for `HashMap`/`HashSet`.
pub type FxBuild = BuildHasherDefault<FxHasher>;

/// A lazily built set over a static word list.
pub struct WordSet {
    words: Words,
    set: OnceLock<HashSet<&'static str, FxBuild>>,
}

/// Where a [`WordSet`]'s words are written.
enum Words {
    /// One string, the words separated by white space: for a long list,
    /// whose table of string slices (8 bytes a word in wasm32) would cost
    /// the download more than its words do.
    Spaced(&'static str),
    /// One string, each word ended by a newline ([`word_set!`]): the same
    /// saving for a list written as string literals.
    Lines(&'static str),
}

/// A [`WordSet`] over string literals, written as a list (`word_set!["said",
/// "told"]`, comments and all) and stored as one string, each word ended
/// by a newline (`concat!` at compile time): as a table of string slices
/// the engine's 2,100 listed words cost the analysis worker 3.4 KB more
/// gzipped (docs/build-size.md).
macro_rules! word_set {
    ($($word:literal),* $(,)?) => {
        $crate::analysis::words::WordSet::lines(concat!($($word, "\n"),*))
    };
}
pub(crate) use word_set;

impl WordSet {
    /// A set over the words of `text`, separated by white space (built on
    /// first use).
    pub const fn spaced(text: &'static str) -> WordSet {
        WordSet { words: Words::Spaced(text), set: OnceLock::new() }
    }

    /// A set over the lines of `text`, each ended by a newline (what
    /// `word_set!` writes; built on first use).
    pub const fn lines(text: &'static str) -> WordSet {
        WordSet { words: Words::Lines(text), set: OnceLock::new() }
    }

    /// The words the set was made from, in their order.
    pub fn words(&self) -> Vec<&'static str> {
        match self.words {
            Words::Spaced(text) => text.split_whitespace().collect(),
            Words::Lines(text) => text.split_terminator('\n').collect(),
        }
    }

    /// True when `w` is in the list (exact match). Not inlined: the
    /// rules call it from hundreds of places, and each inlined copy of the
    /// set's first-use check and hashing cost the analysis worker's
    /// download (docs/build-size.md).
    #[inline(never)]
    pub fn contains(&self, w: &str) -> bool {
        self.set.get_or_init(|| self.words().into_iter().collect()).contains(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SET: WordSet = word_set!["said", "told", "according"];

    static LINES: WordSet = word_set!["said", "according to", "told"];

    /// A list written with `word_set!` keeps its words, spaces within a
    /// word included, and their order.
    #[test]
    fn lines_keep_their_words() {
        assert_eq!(LINES.words(), ["said", "according to", "told"]);
        assert!(LINES.contains("according to") && LINES.contains("told") && !LINES.contains("according") && !LINES.contains(""));
    }

    #[test]
    fn membership() {
        assert!(SET.contains("said") && SET.contains("according"));
        assert!(!SET.contains("Said") && !SET.contains("") && !SET.contains("saids"));
    }
}
