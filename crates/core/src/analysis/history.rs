//! Second-pass features: what the tagger's first pass made of the same
//! word elsewhere in the article.
//!
//! A name is introduced once in full and then repeated in shorter or
//! harder forms: `Blockstack` in a headline, `Blockstack PBC` in the first
//! sentence, `Blockstack ’s Stacks` later. The first pass tags each mention
//! from its own sentence; the second pass also reads the first pass's
//! labels for the other mentions (Ratinov and Roth 2009, "two-stage
//! prediction aggregation" and "extended prediction history": +1 F1 on
//! CoNLL-2003 over context aggregation alone). Its weights are trained on
//! first-pass labels of training articles the first pass did not see
//! (`marginalia train`, K folds), so it learns how far to trust them.

use std::collections::HashMap;

use super::features::{hash, DocContext};
use super::labels::{part_of, spans_of, NameType, Part};
use super::token::Kind;
use super::words::FxBuild;

/// Feature template numbers, after [`super::features`]'s (a second-pass
/// model may read both).
mod t {
    /// The first pass's label of the token.
    pub const OWN: u8 = 101;
    /// The types the other mentions got, most common first, with how
    /// dominant it is.
    pub const OTHERS: u8 = 102;
    /// The same, joined with the token's own first-pass type.
    pub const OTHERS_OWN: u8 = 103;
    /// Each type any other mention got.
    pub const ANY: u8 = 104;
    /// The type of a longer first-pass name elsewhere holding the word, and
    /// whether the word ends it (a surname, a company's short name).
    pub const IN_LONGER: u8 = 105;
    /// The same, joined with the token's own first-pass type.
    pub const IN_LONGER_OWN: u8 = 106;
    /// The label of the word's previous mention.
    pub const PREVIOUS: u8 = 107;
    /// Bias, so the second pass can shift labels overall.
    pub const BIAS: u8 = 108;
    /// The first pass's labels of the neighbouring tokens.
    pub const AROUND: u8 = 109;
    /// An acronym in brackets right after a name (`International Atomic
    /// Energy Agency ( IAEA )`): the name's type, on the acronym; and the
    /// acronym's, on the name's last word.
    pub const DEFINES: u8 = 110;
}

/// Index of a label's type in vote arrays: 0 for `O`, 1-4 for the types.
fn type_index(label: usize) -> usize {
    NameType::of_label(label).map_or(0, |t| t as usize + 1)
}

/// What the first pass said, gathered per word.
pub struct History {
    /// The first pass's label of each token.
    labels: Vec<usize>,
    /// For each capitalised word (normalised), how many of its mentions
    /// got each type (`O` first).
    votes: HashMap<String, [u32; 5], FxBuild>,
    /// For each word of a first-pass name of two or more words: the
    /// longest such name's type, and whether the word ends it.
    in_longer: HashMap<String, (NameType, bool, usize), FxBuild>,
    /// The length in tokens of the first-pass name holding each token (0
    /// outside names), found once: walking the name from each of its
    /// tokens would cost a 100,000-word name 10^10 steps.
    span_len: Vec<usize>,
}

impl History {
    /// Gathers the first pass's `labels` (one per token of `ctx`).
    pub fn new(ctx: &DocContext, labels: Vec<usize>) -> History {
        let mut votes: HashMap<String, [u32; 5], FxBuild> = HashMap::default();
        for (word, toks) in &ctx.occurrences {
            let v = votes.entry(word.clone()).or_default();
            for &i in toks {
                v[type_index(labels[i])] += 1;
            }
        }
        let mut in_longer: HashMap<String, (NameType, bool, usize), FxBuild> = HashMap::default();
        let mut span_len = vec![0; labels.len()];
        for s in spans_of(&labels, 0) {
            let len = s.last - s.first + 1;
            span_len[s.first..=s.last].iter_mut().for_each(|l| *l = len);
            if len < 2 {
                continue;
            }
            for i in s.first..=s.last {
                let entry = in_longer.entry(ctx.norm[i].clone()).or_insert((s.kind, i == s.last, len));
                if len > entry.2 {
                    *entry = (s.kind, i == s.last, len);
                }
            }
        }
        History { labels, votes, in_longer, span_len }
    }
}

/// How dominant the most common type among the other mentions is: all of
/// them, most (over half) or some.
fn dominance(best: u32, total: u32) -> u8 {
    if best == total {
        2
    } else if best * 2 > total {
        1
    } else {
        0
    }
}

/// Appends the second-pass features of token `i` to `out`: capitalised
/// words only (the rest keep their first-pass scores).
pub fn history_features(ctx: &DocContext, h: &History, i: usize, out: &mut Vec<u32>) {
    let tok = &ctx.tokens[i];
    if tok.kind != Kind::Word || !tok.text(ctx.text).chars().next().is_some_and(char::is_uppercase) {
        return;
    }
    let own = h.labels[i];
    let own_type = type_index(own) as u8;
    out.push(hash(t::BIAS, &[]));
    out.push(hash(t::OWN, &[&[own as u8]]));
    let at = |k: Option<usize>| k.and_then(|k| h.labels.get(k)).map_or(u8::MAX, |&l| l as u8);
    out.push(hash(t::AROUND, &[&[at(i.checked_sub(1)), own as u8, at(Some(i + 1))]]));
    let word = &ctx.norm[i];
    if let Some(v) = h.votes.get(word) {
        let mut others = *v;
        others[type_index(own)] -= 1;
        let total: u32 = others.iter().sum();
        if total > 0 {
            let (best, n) = others.iter().enumerate().max_by_key(|&(k, n)| (*n, std::cmp::Reverse(k))).map(|(k, n)| (k as u8, *n)).unwrap_or((0, 0));
            let d = dominance(n, total);
            out.push(hash(t::OTHERS, &[&[best, d]]));
            out.push(hash(t::OTHERS_OWN, &[&[best, d, own_type]]));
            for (k, _) in others.iter().enumerate().skip(1).filter(|(_, n)| **n > 0) {
                out.push(hash(t::ANY, &[&[k as u8]]));
            }
        }
    }
    if let Some(&(kind, last, len)) = h.in_longer.get(word) {
        // Only a longer name than the token's own: its own name is no news.
        if len > h.span_len[i] {
            let f = [kind as u8, u8::from(last)];
            out.push(hash(t::IN_LONGER, &[&f]));
            out.push(hash(t::IN_LONGER_OWN, &[&f, &[own_type]]));
        }
    }
    if let Some(f) = definition(ctx, &h.labels, i) {
        out.push(hash(t::DEFINES, &[&f, &[own_type]]));
    }
    // Occurrences are in text order: a binary search, so a word repeated
    // 100,000 times costs no more than a few steps per mention.
    let previous = ctx.occurrences.get(word).and_then(|occ| occ.partition_point(|&j| j < i).checked_sub(1).map(|p| occ[p]));
    if let Some(j) = previous {
        out.push(hash(t::PREVIOUS, &[&[type_index(h.labels[j]) as u8, own_type]]));
    }
}

/// `Name ( ACRONYM )`: for the acronym, `[0, type of the name]`; for the
/// name's last word, `[1, type of the acronym]` (types as in
/// [`type_index`]).
fn definition(ctx: &DocContext, labels: &[usize], i: usize) -> Option<[u8; 2]> {
    let word = |k: usize| ctx.tokens.get(k).map(|t| t.text(ctx.text));
    let ends_name = |k: usize| matches!(part_of(labels[k]), Some(Part::Last));
    if i >= 2 && word(i - 1) == Some("(") && word(i + 1) == Some(")") && ends_name(i - 2) {
        return Some([0, type_index(labels[i - 2]) as u8]);
    }
    let acronym = word(i + 2).is_some_and(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()));
    if ends_name(i) && word(i + 1) == Some("(") && acronym && word(i + 3) == Some(")") {
        return Some([1, type_index(labels[i + 2]) as u8]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::labels::L;
    use crate::analysis::token::tokenize;

    fn labels_for(text: &str, names: &[(&str, NameType)]) -> (Vec<crate::analysis::token::Token>, Vec<usize>) {
        let toks = tokenize(text);
        let mut labels = vec![0; toks.len()];
        for (name, kind) in names {
            let words: Vec<&str> = name.split(' ').collect();
            let at = (0..toks.len()).find(|&k| words.iter().enumerate().all(|(n, w)| toks.get(k + n).is_some_and(|t| t.text(text) == *w))).unwrap();
            for n in 0..words.len() {
                let part = match (n == 0, n + 1 == words.len()) {
                    (true, true) => Part::Unit,
                    (true, false) => Part::Begin,
                    (false, true) => Part::Last,
                    (false, false) => Part::Inside,
                };
                labels[at + n] = kind.label(part);
            }
        }
        assert!(labels.iter().all(|&l| l < L));
        (toks, labels)
    }

    #[test]
    fn a_mention_reads_the_others() {
        let text = "Blockstack rose. Blockstack PBC said so. Analysts like Blockstack .";
        let (toks, labels) = labels_for(text, &[("Blockstack", NameType::Person), ("Blockstack PBC", NameType::Org)]);
        let ctx = DocContext::new(text, &toks);
        let h = History::new(&ctx, labels);
        let mut f = Vec::new();
        // The headline mention (PERSON) sees one ORG and one O mention: no
        // majority among the others, both types present.
        history_features(&ctx, &h, 0, &mut f);
        assert!(f.contains(&hash(t::ANY, &[&[NameType::Org as u8 + 1]])));
        // It is a word of the longer ORG name `Blockstack PBC`, first word.
        assert!(f.contains(&hash(t::IN_LONGER, &[&[NameType::Org as u8, 0]])));
        // The last mention, untagged, follows an ORG mention.
        let last = toks.iter().rposition(|t| t.text(text) == "Blockstack").unwrap();
        f.clear();
        history_features(&ctx, &h, last, &mut f);
        assert!(f.contains(&hash(t::PREVIOUS, &[&[NameType::Org as u8 + 1, 0]])));
        // Lower-case words get no second-pass features.
        f.clear();
        history_features(&ctx, &h, 1, &mut f);
        assert!(f.is_empty());
    }

    #[test]
    fn a_word_repeated_many_times_costs_little() {
        // Before the binary search each mention walked every earlier one:
        // 20,000 mentions took 200 million steps.
        let text = "Acme ".repeat(20_000);
        let toks = tokenize(&text);
        let ctx = DocContext::new(&text, &toks);
        let h = History::new(&ctx, vec![NameType::Org.label(Part::Unit); toks.len()]);
        let mut f = Vec::new();
        for i in 0..toks.len() {
            history_features(&ctx, &h, i, &mut f);
        }
        assert!(f.contains(&hash(t::PREVIOUS, &[&[NameType::Org as u8 + 1, NameType::Org as u8 + 1]])));
    }

    #[test]
    fn dominance_and_span_length() {
        assert_eq!((dominance(3, 3), dominance(2, 3), dominance(1, 3)), (2, 1, 0));
        let p = NameType::Person;
        let text = "a B C D E";
        let toks = tokenize(text);
        let ctx = DocContext::new(text, &toks);
        let h = History::new(&ctx, vec![0, p.label(Part::Begin), p.label(Part::Inside), p.label(Part::Last), p.label(Part::Unit)]);
        assert_eq!(h.span_len, [0, 3, 3, 3, 1]);
    }
}
