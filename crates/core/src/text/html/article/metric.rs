//! How extraction is scored (the web-pages corpus README's metric, also
//! the public article-extraction benchmarks'): `\w+` tokens, every run of
//! [`SHINGLE`] consecutive tokens a shingle, precision and recall per page
//! over shingle multisets; a corpus's precision and recall are the means
//! over its pages and its F1 comes from the two means.

use std::collections::HashMap;

/// Tokens per shingle.
pub const SHINGLE: usize = 4;

/// `\w+` tokens: runs of letters, digits and `_`.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).collect()
}

/// The multiset of shingles of `text` (a text shorter than one shingle is
/// one shingle of what it has).
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let t = tokens(text);
    let mut m = HashMap::new();
    if t.is_empty() {
        return m;
    }
    if t.len() < SHINGLE {
        m.insert(t, 1);
        return m;
    }
    for w in t.windows(SHINGLE) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

/// Precision and recall of the extracted `got` against the expected `want`
/// (nothing expected and nothing found: both 1; nothing found: both 0).
pub fn shingle_pr(got: &str, want: &str) -> (f64, f64) {
    let (g, w) = (shingles(got), shingles(want));
    let (ng, nw): (usize, usize) = (g.values().sum(), w.values().sum());
    if ng == 0 && nw == 0 {
        return (1.0, 1.0);
    }
    let tp: usize = g.iter().map(|(k, c)| (*c).min(w.get(k).copied().unwrap_or(0))).sum();
    let p = if ng == 0 { 0.0 } else { tp as f64 / ng as f64 };
    let r = if nw == 0 { 1.0 } else { tp as f64 / nw as f64 };
    (p, r)
}

/// F1 of a precision and a recall.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_metric() {
        assert_eq!(shingle_pr("a b c d e", "a b c d e"), (1.0, 1.0));
        let (p, r) = shingle_pr("a b c d e f", "a b c d e");
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 1.0).abs() < 1e-9);
        assert_eq!(shingle_pr("", ""), (1.0, 1.0));
        assert_eq!(shingle_pr("", "a b c d"), (0.0, 0.0));
        assert_eq!(shingle_pr("two words", "two words"), (1.0, 1.0));
    }
}
