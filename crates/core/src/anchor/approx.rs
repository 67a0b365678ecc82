//! Approximate substring search: where does a pattern occur in a text with
//! at most `k` edits (insertions, deletions, substitutions)?
//!
//! Myers' bit-parallel algorithm (1999) in the block form of Hyyrö (2003):
//! the pattern's column of the edit-distance table is kept as vertical
//! deltas in 64-bit words, so each text character costs O(⌈m/64⌉) word
//! operations. Works on `char`s (code points), the unit anchors use.

use std::collections::HashMap;

/// One approximate occurrence, in code points of the searched text.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// First character of the occurrence.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// Edit distance between the pattern and `text[start..end]`.
    pub errors: usize,
}

const HIGH: u64 = 1 << 63;

/// Finds occurrences of `pattern` in `text` with at most `k` errors: for
/// every maximal stretch of end positions within the budget, the ends with
/// the fewest errors, each with its best start. Returns them in text order.
pub fn search(text: &[char], pattern: &[char], k: usize) -> Vec<Match> {
    let m = pattern.len();
    if m == 0 || text.is_empty() {
        return Vec::new();
    }
    let blocks = m.div_ceil(64);
    let mut peq: HashMap<char, Vec<u64>> = HashMap::new();
    for (i, &c) in pattern.iter().enumerate() {
        peq.entry(c).or_insert_with(|| vec![0; blocks])[i / 64] |= 1 << (i % 64);
    }
    let zero = vec![0u64; blocks];
    let last_bit = 1u64 << ((m - 1) % 64);
    let mut pv = vec![u64::MAX; blocks];
    let mut mv = vec![0u64; blocks];
    let mut score = m as isize;

    // For each maximal stretch of ends within budget, the ends with the
    // stretch's fewest errors (several: "quicck" matches "quick" with one
    // error ending after "quic", "quicc" and "quicck"; context decides).
    let mut ends: Vec<(usize, usize)> = Vec::new();
    let mut run: Vec<(usize, usize)> = Vec::new();
    let flush = |run: &mut Vec<(usize, usize)>, ends: &mut Vec<(usize, usize)>| {
        if let Some(min) = run.iter().map(|&(_, e)| e).min() {
            ends.extend(run.iter().filter(|&&(_, e)| e == min).take(MAX_ENDS_PER_RUN));
        }
        run.clear();
    };
    for (j, c) in text.iter().enumerate() {
        let eq = peq.get(c).unwrap_or(&zero);
        let mut hin = 0i32;
        for b in 0..blocks {
            let (hout, dlast) = advance(&mut pv[b], &mut mv[b], eq[b], hin, last_bit);
            if b == blocks - 1 {
                score += dlast as isize;
            }
            hin = hout;
        }
        if score as usize <= k {
            run.push((j + 1, score as usize));
        } else if !run.is_empty() {
            flush(&mut run, &mut ends);
        }
    }
    flush(&mut run, &mut ends);
    ends.into_iter()
        .map(|(end, errors)| {
            let start = best_start(text, pattern, end, k);
            Match { start, end, errors }
        })
        .collect()
}

/// How many equally good ends of one stretch are reported.
const MAX_ENDS_PER_RUN: usize = 16;

/// One column step for one block; returns the horizontal delta leaving the
/// block's bottom row and the delta at the pattern's last row.
#[inline]
fn advance(pv: &mut u64, mv: &mut u64, eq: u64, hin: i32, last_bit: u64) -> (i32, i32) {
    let hin_neg = u64::from(hin < 0);
    let hin_pos = u64::from(hin > 0);
    let xv = eq | *mv;
    let eq = eq | hin_neg;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let mut ph = *mv | !(xh | *pv);
    let mut mh = *pv & xh;
    let hout = if ph & HIGH != 0 { 1 } else if mh & HIGH != 0 { -1 } else { 0 };
    let dlast = if ph & last_bit != 0 { 1 } else if mh & last_bit != 0 { -1 } else { 0 };
    ph = (ph << 1) | hin_pos;
    mh = (mh << 1) | hin_neg;
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    (hout, dlast)
}

/// The start `s` minimising the edit distance of `pattern` to
/// `text[s..end]` (ties: the length closest to the pattern's).
fn best_start(text: &[char], pattern: &[char], end: usize, k: usize) -> usize {
    let m = pattern.len();
    let from = end.saturating_sub(m + k);
    let window: Vec<char> = text[from..end].iter().rev().copied().collect();
    let pat: Vec<char> = pattern.iter().rev().copied().collect();
    // prev[l] = edit distance of pat[..i] to window[..l].
    let mut prev: Vec<usize> = (0..=window.len()).collect();
    let mut cur = vec![0usize; window.len() + 1];
    for i in 1..=m {
        cur[0] = i;
        for l in 1..=window.len() {
            let sub = prev[l - 1] + usize::from(pat[i - 1] != window[l - 1]);
            cur[l] = sub.min(prev[l] + 1).min(cur[l - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let best = (0..=window.len()).min_by_key(|&l| (prev[l], l.abs_diff(m))).unwrap_or(0);
    end - best
}

/// A pattern prepared for [`Prepared::distance`]: the stored context of a
/// target (up to `MAX_CONTEXT_CHARS`, 160 code points) is compared with the
/// text around every occurrence of its quote, thousands of times for a
/// common word — with a row of the table per character, 46 µs each, and
/// 170 ms to describe one new annotation on a 400,000-character page of
/// repeated words (issue 20).
pub struct Prepared {
    /// `ascii[w][c]`: the bits of the positions `64 w ..` of the pattern
    /// holding ASCII `c` (one table per 64-character block).
    ascii: Vec<[u64; 128]>,
    /// The same for the other characters, per block.
    other: Vec<(char, Vec<u64>)>,
    len: usize,
}

impl Prepared {
    /// Prepares `pattern`; `None` if it is empty.
    pub fn new(pattern: &[char]) -> Option<Self> {
        if pattern.is_empty() {
            return None;
        }
        let words = pattern.len().div_ceil(64);
        let mut p = Prepared { ascii: vec![[0; 128]; words], other: Vec::new(), len: pattern.len() };
        for (i, &c) in pattern.iter().enumerate() {
            let (w, bit) = (i / 64, 1u64 << (i % 64));
            match p.ascii[w].get_mut(c as usize) {
                Some(bits) => *bits |= bit,
                None => match p.other.iter_mut().find(|(o, _)| *o == c) {
                    Some((_, bits)) => bits[w] |= bit,
                    None => {
                        let mut bits = vec![0; words];
                        bits[w] = bit;
                        p.other.push((c, bits));
                    }
                },
            }
        }
        Some(p)
    }

    fn peq(&self, w: usize, c: char) -> u64 {
        match self.ascii[w].get(c as usize) {
            Some(&bits) => bits,
            None => self.other.iter().find(|(o, _)| *o == c).map_or(0, |(_, b)| b[w]),
        }
    }

    /// The edit distance between the pattern and `text` (Hyyrö's
    /// bit-vector form of Myers' algorithm, global, in blocks of 64 pattern
    /// characters: a few word operations per block and character instead
    /// of a row of the table).
    pub fn distance(&self, text: &[char]) -> usize {
        let words = self.ascii.len();
        let last_bit = 1u64 << ((self.len - 1) % 64);
        if words == 1 {
            // Most contexts fit one word: no vectors to allocate.
            let (mut pv, mut mv, mut score) = (u64::MAX, 0u64, self.len as isize);
            for &c in text {
                score += advance(&mut pv, &mut mv, self.peq(0, c), 1, last_bit).1 as isize;
            }
            return score.max(0) as usize;
        }
        let mut pv = vec![u64::MAX; words];
        let mut mv = vec![0u64; words];
        let mut score = self.len as isize;
        for &c in text {
            // Global: the table's top row grows by one per character.
            let mut hin = 1;
            for w in 0..words {
                let (hout, dlast) = advance(&mut pv[w], &mut mv[w], self.peq(w, c), hin, last_bit);
                if w + 1 == words {
                    score += dlast as isize;
                }
                hin = hout;
            }
        }
        score.max(0) as usize
    }
}

/// Plain edit distance (for short context strings).
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            cur[j] = (prev[j - 1] + usize::from(a[i - 1] != b[j - 1])).min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// Reference: for every end, min over starts of the edit distance (Sellers).
    fn naive_end_errors(text: &[char], pattern: &[char]) -> Vec<usize> {
        let m = pattern.len();
        let mut col: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        for &c in text {
            let mut next = vec![0; m + 1];
            for i in 1..=m {
                next[i] = (col[i - 1] + usize::from(pattern[i - 1] != c)).min(col[i] + 1).min(next[i - 1] + 1);
            }
            col = next;
            out.push(col[m]);
        }
        out
    }

    #[test]
    fn table() {
        type Case<'a> = (&'a str, &'a str, &'a str, usize, &'a [(usize, usize, usize)]);
        let cases: &[Case] = &[
            ("exact", "the quick brown fox", "quick", 0, &[(4, 9, 0)]),
            ("one substitution", "the quack brown fox", "quick", 1, &[(4, 9, 1)]),
            ("insertion", "the quicck brown", "quick", 1, &[(4, 8, 1), (4, 9, 1), (4, 10, 1)]),
            ("deletion", "the quck brown", "quick", 1, &[(4, 8, 1)]),
            ("too many errors", "the qxxxk brown", "quick", 1, &[]),
            ("two places", "abcd xx abce", "abcd", 1, &[(0, 4, 0), (8, 11, 1), (8, 12, 1)]),
            ("emoji are one char", "a 😀😀 b", "😀😀", 0, &[(2, 4, 0)]),
        ];
        for (name, text, pat, k, want) in cases {
            let got: Vec<(usize, usize, usize)> = search(&chars(text), &chars(pat), *k).iter().map(|m| (m.start, m.end, m.errors)).collect();
            assert_eq!(got, want.to_vec(), "case {name}");
        }
    }

    #[test]
    fn long_pattern_crosses_blocks() {
        let pattern: String = (0..150).map(|i| char::from(b'a' + (i * 7 % 26) as u8)).collect();
        let mut edited = pattern.clone();
        edited.replace_range(70..71, "Z"); // a substitution in the second block
        edited.remove(140); // a deletion in the third
        let text = format!("prefix text {edited} suffix");
        let found = search(&chars(&text), &chars(&pattern), 10);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].errors, 2);
        assert_eq!(found[0].start, 12);
        assert_eq!(found[0].end, 12 + edited.chars().count());
    }

    proptest! {
        /// The prepared global distance equals the textbook DP.
        #[test]
        fn prepared_distance_agrees_with_dp(a in "[abé ]{1,200}", b in "[abé ]{0,220}") {
            let (a, b) = (chars(&a), chars(&b));
            let p = Prepared::new(&a).expect("not empty");
            prop_assert_eq!(p.distance(&b), edit_distance(&a, &b));
        }

        /// The bit-parallel scores equal the textbook DP at every position.
        #[test]
        fn agrees_with_naive_dp(text in "[abc]{0,90}", pattern in "[abc]{1,140}", k in 0usize..6) {
            let (t, p) = (chars(&text), chars(&pattern));
            let naive = naive_end_errors(&t, &p);
            let found = search(&t, &p, k);
            for m in &found {
                prop_assert_eq!(m.errors, naive[m.end - 1]);
                prop_assert_eq!(edit_distance(&p, &t[m.start..m.end]), m.errors);
            }
            // Every end within budget belongs to some reported stretch.
            let reported_min = naive.iter().copied().min().unwrap_or(usize::MAX);
            if reported_min <= k {
                prop_assert!(!found.is_empty());
                prop_assert_eq!(found.iter().map(|m| m.errors).min(), Some(reported_min));
            } else {
                prop_assert!(found.is_empty());
            }
        }
    }
}
