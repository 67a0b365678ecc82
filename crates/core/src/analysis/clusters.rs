//! Word clusters: a binary path per word from a tree of GloVe vectors,
//! built offline by `scripts/clusters.py` (source and licence in README.md).
//!
//! Words that are used alike share path prefixes (`pfizer` sits with
//! `amgen` and `glaxosmithkline`, `oklahoma` with `arkansas` and `clemson`),
//! so the tagger can learn from a name it saw in training something about a
//! name it never saw: the feature that moved linear taggers most on unseen
//! news (Turian, Ratinov and Bengio 2010).
//!
//! The table is text, one line per leaf of the tree in path order, each
//! line its words separated by spaces: the path is the line number, so the
//! table costs only its words, and words grouped by meaning compress well
//! in the gzipped app. It is embedded front-coded (`front_coding`), decoded
//! and indexed into a hash map on first use (a few milliseconds, once).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::words::FxBuild;

/// The table, front-coded word by word by `build.rs` (`front_coding`).
static CODED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/clusters.fc"));

/// The table as `data/clusters.txt` holds it, decoded on first use (a
/// damaged embedding, which the tests rule out, reads as an empty table).
pub(crate) fn data() -> &'static str {
    static DATA: OnceLock<String> = OnceLock::new();
    DATA.get_or_init(|| super::front_coding::decode(CODED, b" \n").unwrap_or_default())
}

/// Bits of every path: the table has `2^DEPTH` lines.
pub const DEPTH: u32 = 10;

/// A word's cluster: a path of [`DEPTH`] bits from the root of the tree.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClusterPath(u16);

impl ClusterPath {
    /// The first `bits` bits of the path (coarser clusters for fewer bits).
    pub fn prefix(self, bits: u32) -> u16 {
        let bits = bits.min(DEPTH);
        self.0 >> (DEPTH - bits)
    }
}

/// Builds the table now (it is otherwise built on first use).
pub fn warm_up() {
    table();
}

fn table() -> &'static HashMap<&'static str, ClusterPath, FxBuild> {
    static TABLE: OnceLock<HashMap<&'static str, ClusterPath, FxBuild>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Sized once (one word per space or newline at most): no rehashing
        // while 40,000 words go in.
        let data = data();
        let words = data.bytes().filter(|b| *b == b' ' || *b == b'\n').count();
        let mut map: HashMap<&'static str, ClusterPath, FxBuild> = HashMap::with_capacity_and_hasher(words, FxBuild::default());
        for (leaf, line) in data.lines().enumerate() {
            for w in line.split(' ').filter(|w| !w.is_empty()) {
                map.insert(w, ClusterPath(leaf as u16));
            }
        }
        map
    })
}

/// The cluster of `word`, looked up lower-cased; `None` for words outside
/// the table (rare words, numbers, punctuation).
pub fn path(word: &str) -> Option<ClusterPath> {
    let t = table();
    if word.chars().any(char::is_uppercase) {
        t.get(word.to_lowercase().as_str()).copied()
    } else {
        t.get(word).copied()
    }
}

/// Number of words in the table.
pub fn len() -> usize {
    table().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_decodes_to_its_readable_file() {
        assert_eq!(data(), include_str!("data/clusters.txt"));
    }

    #[test]
    fn the_table_has_one_line_per_leaf() {
        assert_eq!(data().lines().count(), 1 << DEPTH);
        assert!(len() > 1000);
    }

    #[test]
    fn alike_words_share_prefixes_and_case_does_not_matter() {
        let (Some(a), Some(b)) = (path("Monday"), path("tuesday")) else { panic!("weekdays are in the table") };
        assert!(a.prefix(6) == b.prefix(6), "{a:?} {b:?}");
        assert_eq!(path("MONDAY"), path("monday"));
        assert_eq!(path("zzqx"), None);
        assert_eq!(ClusterPath(0b10_1100_0011).prefix(4), 0b1011);
    }
}
