//! Paragraph fingerprints: how an annotation remembers where its passage
//! sits — its paragraph and the paragraphs before and after it — beyond
//! the 32 characters of context its selectors keep.
//!
//! A paragraph's *shingles* are the hashes of its word trigrams
//! (lower-cased runs of letters and digits). A [`Sketch`] keeps the
//! smallest few of them (a bottom-k sample), so it is small enough to store
//! with every annotation, and [`Sketch::containment`] estimates what share
//! of the sampled paragraph is still in some paragraph of an edited text:
//! about 1 for the same paragraph (a typo or two cost a trigram each), a
//! little less after a sentence in it is rewritten, about 0 for any other
//! paragraph. Trigrams rather than single words, because unrelated
//! paragraphs of one article share most of their common words.
//!
//! The hash is part of the stored format (version 1 of [`Sketch`]): FNV-1a
//! over the UTF-8 of the three words joined by spaces, finished with the
//! SplitMix64 mixer, top 16 bits. Sixteen bits are enough: a stored value
//! meets a paragraph of 100 trigrams by chance with odds of 1 in 650.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::CharRange;

/// A sorted, distinct sample of a text's shingles: the `k` smallest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Sketch(Vec<u16>);

impl Sketch {
    /// The `k` smallest of `shingles` (sorted and distinct, as
    /// [`shingles`] returns them).
    pub fn of(shingles: &[u16], k: usize) -> Sketch {
        Sketch(shingles.iter().copied().take(k).collect())
    }

    /// Whether nothing was sampled (no words).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many values were sampled.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The share (0..1) of the sampled shingles found among `shingles`
    /// (sorted); `None` for an empty sketch, which says nothing.
    pub fn containment(&self, shingles: &[u16]) -> Option<f32> {
        if self.0.is_empty() {
            return None;
        }
        let found = self.0.iter().filter(|v| shingles.binary_search(v).is_ok()).count();
        Some(found as f32 / self.0.len() as f32)
    }
}

impl Serialize for Sketch {
    /// Four hex digits per value: compact in JSON, and readable.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.iter().map(|v| format!("{v:04x}")).collect::<String>())
    }
}

impl<'de> Deserialize<'de> for Sketch {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_hex(&s).ok_or_else(|| serde::de::Error::custom("a sketch is four hex digits per value, sorted"))
    }
}

fn parse_hex(s: &str) -> Option<Sketch> {
    if !s.is_ascii() || s.len() % 4 != 0 {
        return None;
    }
    let values: Option<Vec<u16>> = (0..s.len()).step_by(4).map(|i| u16::from_str_radix(&s[i..i + 4], 16).ok()).collect();
    let values = values?;
    values.windows(2).all(|w| w[0] < w[1]).then_some(Sketch(values))
}

/// The paragraphs of `chars`: the ranges of its lines that hold a letter
/// or digit, in text order.
pub fn paragraphs(chars: &[char]) -> Vec<CharRange> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in chars.iter().enumerate().filter(|(_, &c)| c == '\n').map(|(i, _)| i).chain(std::iter::once(chars.len())) {
        if chars[start..end].iter().any(|c| c.is_alphanumeric()) {
            out.push(CharRange::new(start, end));
        }
        start = end + 1;
    }
    out
}

/// The index of the paragraph (of `paras`, from [`paragraphs`]) holding
/// character `at`, or the last one starting before it.
pub fn paragraph_at(paras: &[CharRange], at: usize) -> Option<usize> {
    paras.partition_point(|p| p.start <= at).checked_sub(1)
}

/// The sorted, distinct shingle hashes of `chars`. Fewer than three words
/// make one shingle of them all; no words, none.
pub fn shingles(chars: &[char]) -> Vec<u16> {
    let words: Vec<String> = chars
        .split(|c| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.iter().flat_map(|c| c.to_lowercase()).collect())
        .collect();
    let mut out: Vec<u16> = if words.len() < 3 {
        if words.is_empty() { Vec::new() } else { vec![hash(&words)] }
    } else {
        words.windows(3).map(hash).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The union of sorted shingle sets (a passage over several paragraphs:
/// each paragraph is read alone, as the open text's paragraphs are, so no
/// trigram spans a paragraph break).
pub fn union(sets: &[Vec<u16>]) -> Vec<u16> {
    let mut all: Vec<u16> = sets.concat();
    all.sort_unstable();
    all.dedup();
    all
}

/// The stored hash of a shingle (see the module's note: it is format).
fn hash(words: &[String]) -> u16 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, w) in words.iter().enumerate() {
        let sep: &[u8] = if i == 0 { b"" } else { b" " };
        for &b in sep.iter().chain(w.as_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    // SplitMix64's finaliser: FNV's high bits alone are poorly mixed.
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    (h >> 48) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn paragraphs_are_lines_with_words() {
        let text = c("Title\n\nFirst one.\n \n---\nSecond, 2.");
        let got: Vec<String> = paragraphs(&text).iter().map(|r| text[r.start..r.end].iter().collect()).collect();
        assert_eq!(got, ["Title", "First one.", "Second, 2."]);
        let paras = paragraphs(&text);
        assert_eq!(paragraph_at(&paras, 0), Some(0));
        assert_eq!(paragraph_at(&paras, 9), Some(1));
        assert_eq!(paragraph_at(&paras, text.len()), Some(2));
    }

    #[test]
    fn containment_table() {
        let base = shingles(&c("The council voted on Monday to close the harbour road for the summer season."));
        let sketch = Sketch::of(&base, 12);
        let cases: &[(&str, &str, f32, f32)] = &[
            ("the same paragraph", "The council voted on Monday to close the harbour road for the summer season.", 1.0, 1.0),
            ("case and punctuation do not count", "the council voted, on monday, to close the harbour road for the summer season", 1.0, 1.0),
            ("a word changed costs its trigrams", "The council voted on Tuesday to close the harbour road for the summer season.", 0.5, 1.0),
            ("another paragraph", "Ministers met in the capital to discuss trade and the budget for next year.", 0.0, 0.1),
        ];
        for (name, other, lo, hi) in cases {
            let got = sketch.containment(&shingles(&c(other))).unwrap_or(-1.0);
            assert!((*lo..=*hi).contains(&got), "case {name}: {got}");
        }
        assert_eq!(Sketch::default().containment(&base), None);
    }

    #[test]
    fn short_paragraphs_are_one_shingle() {
        assert_eq!(shingles(&c("Hello, world")).len(), 1);
        assert_eq!(shingles(&c("Hello, world")), shingles(&c("hello world!")));
        assert!(shingles(&c(" --- ")).is_empty());
    }

    #[test]
    fn the_hash_is_stable() {
        // Stored with annotations: a change here orphans what they remember.
        assert_eq!(shingles(&c("the council voted")), vec![hash(&["the".into(), "council".into(), "voted".into()])]);
        let sketch = Sketch::of(&shingles(&c("The council voted on Monday")), 3);
        assert_eq!(serde_json::to_string(&sketch).ok().as_deref(), Some(STABLE));
    }

    const STABLE: &str = "\"b5b9b9cedfcd\"";

    #[test]
    fn sketches_round_trip_and_reject_garbage() {
        let sketch = Sketch::of(&shingles(&c("one two three four five six seven")), 4);
        let json = serde_json::to_string(&sketch).unwrap_or_default();
        assert_eq!(serde_json::from_str::<Sketch>(&json).ok(), Some(sketch));
        for bad in ["\"abc\"", "\"zzzz\"", "\"00020001\"", "\"é000\"", "3"] {
            assert!(serde_json::from_str::<Sketch>(bad).is_err(), "{bad}");
        }
    }
}
