//! Features of each token for the name tagger, shared by training and
//! tagging so they can never drift apart.
//!
//! Each feature is a 32-bit hash of a template number and its values
//! (word forms, shapes, affixes, gazetteer kinds, document-level cues).

use std::collections::{HashMap, HashSet};

use super::clusters::{self, ClusterPath};
use super::gazetteer::{self, Kinds};
use super::words::FxBuild;
use super::token::{Kind, Token};

/// Per-document facts the features read.
pub struct DocContext<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Lowercased token texts, digits folded to `0`.
    pub norm: Vec<String>,
    /// Gazetteer kinds of the longest match covering each token, and whether
    /// the token begins it.
    pub gaz: Vec<(Kinds, bool)>,
    /// Lowercased words that also occur in lower case in the document
    /// (a capitalised occurrence of such a word is less likely a name).
    pub seen_lower: HashSet<String, FxBuild>,
    /// Whether the token's sentence is written in capitals (a headline).
    pub headline: Vec<bool>,
    /// Word shape of each token.
    pub shapes: Vec<String>,
    /// Word cluster of each token (see [`super::clusters`]).
    pub clusters: Vec<Option<ClusterPath>>,
    /// For each capitalised word (normalised form), the tokens where it
    /// occurs capitalised, in order: the non-local context of a name.
    pub occurrences: HashMap<String, Vec<usize>, FxBuild>,
}

/// The normalised form of a token: lower case, digits as `0`, modern
/// typography as the training text writes it ([`typewriter`]).
pub fn normalise(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).map(|c| if c.is_ascii_digit() { '0' } else { typewriter(c) }).collect()
}

/// `s` with [`typewriter`]'s characters, borrowed when it has none.
pub fn typewritten(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(|c| typewriter(c) != c) {
        std::borrow::Cow::Owned(s.chars().map(typewriter).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A typographic character as CoNLL-2003's text writes it: curly quotes
/// and apostrophes straight, dashes as `-`. The tagger was trained on that
/// text, which has none of them, so `Russia ’s` and `“` were words it had
/// never seen where `Russia 's` and `"` are among its strongest cues;
/// modern news (CoNLL-2020 dev, every page a reader opens) writes them.
pub fn typewriter(c: char) -> char {
    match c {
        '‘' | '’' | '‛' | '′' => '\'',
        '“' | '”' | '„' | '«' | '»' | '″' => '"',
        '—' | '–' | '‒' | '―' => '-',
        _ => c,
    }
}

fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Word shape, compressed: `Blinken` -> `Xx`, `U.S.` -> `X.X.`, `1996` -> `d`.
pub fn shape(s: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    for c in s.chars().take(12) {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            typewriter(c)
        };
        if m != last {
            out.push(m);
            last = m;
        }
    }
    out
}

/// Longest n-gram (up to this many tokens) looked up in the gazetteer.
const MAX_GAZ_TOKENS: usize = 4;

impl<'a> DocContext<'a> {
    /// Computes the document facts.
    pub fn new(text: &'a str, tokens: &'a [Token]) -> DocContext<'a> {
        let norm: Vec<String> = tokens.iter().map(|t| normalise(t.text(text))).collect();
        let mut seen_lower: HashSet<String, FxBuild> = HashSet::default();
        for (t, n) in tokens.iter().zip(&norm) {
            let s = t.text(text);
            if t.kind == Kind::Word && s.chars().next().is_some_and(char::is_lowercase) {
                seen_lower.insert(n.clone());
            }
        }
        // Headlines: sentences whose letters are all capitals.
        let mut headline = vec![false; tokens.len()];
        let mut s = 0;
        while s < tokens.len() {
            let mut e = s + 1;
            while e < tokens.len() && !tokens[e].sent_start {
                e += 1;
            }
            let words: Vec<&str> = tokens[s..e].iter().filter(|t| t.kind == Kind::Word).map(|t| t.text(text)).collect();
            let caps = words.len() >= 2 && words.iter().all(|w| !w.chars().any(char::is_lowercase));
            headline[s..e].iter_mut().for_each(|h| *h = caps);
            s = e;
        }
        let mut gaz = vec![(Kinds::default(), false); tokens.len()];
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            let first = t.text(text);
            if t.kind != Kind::Word || !is_capitalised(first) {
                i += 1;
                continue;
            }
            let mut best: Option<(usize, Kinds)> = None;
            let mut j = i;
            while j < tokens.len() && j < i + MAX_GAZ_TOKENS {
                if j > i {
                    // Only names written with single spaces or hyphens.
                    let gap = &text[tokens[j - 1].end..tokens[j].start];
                    if !(gap == " " || gap.is_empty()) {
                        break;
                    }
                }
                let (hit, extends) = gazetteer::lookup_with_extension(&typewritten(&text[t.start..tokens[j].end]));
                // Only the kinds the tagger was trained with (`Kinds::TAGGER`).
                if let Some(e) = hit.filter(|e| e.kinds.for_tagger() != 0) {
                    best = Some((j, e.kinds));
                }
                // A hyphen or space continues a name only if one is listed.
                if !extends {
                    break;
                }
                j += 1;
            }
            match best {
                Some((end, kinds)) => {
                    for (k, g) in gaz.iter_mut().enumerate().take(end + 1).skip(i) {
                        *g = (kinds, k == i);
                    }
                    i = end + 1;
                }
                None => i += 1,
            }
        }
        let shapes = tokens.iter().map(|t| shape(t.text(text))).collect();
        // An acronym outside a headline that the article also uses as a
        // lower-case word (`US` next to `us`, `WHO` next to `who`) is not
        // that word, whose cluster the lower-cased vectors would give it.
        let acronym = |i: usize| {
            let w = tokens[i].text(text);
            !headline[i] && w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase) && seen_lower.contains(&norm[i])
        };
        let clusters = (0..tokens.len()).map(|i| if tokens[i].kind == Kind::Word && !acronym(i) { clusters::path(&typewritten(tokens[i].text(text))) } else { None }).collect();
        let mut occurrences: HashMap<String, Vec<usize>, FxBuild> = HashMap::default();
        for (i, t) in tokens.iter().enumerate() {
            if t.kind == Kind::Word && is_capitalised(t.text(text)) {
                occurrences.entry(norm[i].clone()).or_default().push(i);
            }
        }
        DocContext { text, tokens, norm, gaz, seen_lower, headline, shapes, clusters, occurrences }
    }
}

/// Feature template numbers.
mod t {
    pub const BIAS: u8 = 0;
    pub const W: u8 = 1;
    pub const WP1: u8 = 2;
    pub const WN1: u8 = 3;
    pub const WP2: u8 = 4;
    pub const WN2: u8 = 5;
    pub const SHAPE: u8 = 6;
    pub const SHAPE_P: u8 = 7;
    pub const SHAPE_N: u8 = 8;
    pub const PRE: u8 = 9;
    pub const SUF: u8 = 13;
    pub const BI_P: u8 = 18;
    pub const BI_N: u8 = 19;
    pub const FLAGS: u8 = 20;
    pub const GAZ: u8 = 21;
    pub const GAZ_P: u8 = 22;
    pub const GAZ_N: u8 = 23;
    pub const SEEN_LOWER: u8 = 24;
    pub const KIND: u8 = 25;
    pub const CAP_RUN: u8 = 26;
    pub const SHAPE_CTX: u8 = 27;
    pub const START_W: u8 = 28;
    pub const WP1_SHAPE: u8 = 29;
    pub const HEAD_W: u8 = 30;
    pub const SHAPE3: u8 = 31;
    /// Cluster path prefixes of the word (one template per length).
    pub const CLUSTER: u8 = 32;
    /// Cluster prefixes of the previous and next word.
    pub const CLUSTER_P: u8 = 36;
    pub const CLUSTER_N: u8 = 40;
    /// The word's cluster with its capitalisation.
    pub const CLUSTER_CAP: u8 = 44;
    /// Words before and after the same word elsewhere in the document.
    pub const AGG_PREV: u8 = 45;
    pub const AGG_NEXT: u8 = 46;
    /// How the same word is written elsewhere: mid-sentence capitalised,
    /// next to another capitalised word.
    pub const AGG_FORM: u8 = 47;
}

/// Other occurrences of a word read for its document-level features: the
/// first few carry the signal (a name is introduced in full early), and the
/// cap keeps a word repeated 500 times from costing 500x.
const AGG_OCCURRENCES: usize = 8;

/// Cluster path lengths used as features: coarse classes (4 bits, 16
/// groups) to fine ones (the whole path), as Brown-cluster taggers do.
const CLUSTER_BITS: [u32; 3] = [4, 6, 10];

/// The feature ID of `template` with values `parts` (FxHash over the bytes,
/// parts separated so `("ab","c")` and `("a","bc")` differ).
pub(super) fn hash(template: u8, parts: &[&[u8]]) -> u32 {
    use std::hash::Hasher;
    let mut h = super::words::FxHasher::default();
    h.write_u8(template);
    for p in parts {
        h.write_u8(0xff);
        h.write(p);
        h.write_usize(p.len());
    }
    (h.finish() >> 32) as u32
}

fn boundary_word<'b>(ctx: &'b DocContext, i: isize) -> &'b [u8] {
    if i < 0 {
        b"<s>"
    } else if i as usize >= ctx.tokens.len() {
        b"</s>"
    } else {
        ctx.norm[i as usize].as_bytes()
    }
}

/// Prefixes of 1-3 and suffixes of 1-4 characters of the normalised word,
/// as byte slices of it (no allocation); never the whole word.
fn affix_features(norm: &str, out: &mut Vec<u32>) {
    let w = norm.as_bytes();
    let bounds: Vec<usize> = norm.char_indices().map(|(b, _)| b).chain(std::iter::once(norm.len())).collect();
    let nchars = bounds.len() - 1;
    for n in 1..=3usize {
        if nchars > n {
            out.push(hash(t::PRE + n as u8, &[&w[..bounds[n]]]));
        }
    }
    for n in 1..=4usize {
        if nchars > n {
            out.push(hash(t::SUF + n as u8, &[&w[bounds[nchars - n]..]]));
        }
    }
}

/// Appends the features of token `i` to `out`.
pub fn token_features(ctx: &DocContext, i: usize, out: &mut Vec<u32>) {
    let tok = &ctx.tokens[i];
    let raw = tok.text(ctx.text);
    let w = ctx.norm[i].as_bytes();
    let ii = i as isize;
    let sh = ctx.shapes[i].as_str();
    let cap = is_capitalised(raw);
    let all_caps = raw.chars().any(char::is_alphabetic) && !raw.chars().any(char::is_lowercase);
    let headline = ctx.headline[i];
    let shape_at = |k: isize| -> &str {
        if k < 0 || k as usize >= ctx.tokens.len() {
            "_"
        } else {
            ctx.shapes[k as usize].as_str()
        }
    };
    let gaz_at = |k: isize| -> [u8; 2] {
        if k < 0 || k as usize >= ctx.tokens.len() {
            [0, 2]
        } else {
            let (kinds, begin) = ctx.gaz[k as usize];
            [kinds.for_tagger(), u8::from(begin)]
        }
    };

    out.push(hash(t::BIAS, &[]));
    out.push(hash(t::W, &[w]));
    out.push(hash(t::WP1, &[boundary_word(ctx, ii - 1)]));
    out.push(hash(t::WN1, &[boundary_word(ctx, ii + 1)]));
    out.push(hash(t::WP2, &[boundary_word(ctx, ii - 2)]));
    out.push(hash(t::WN2, &[boundary_word(ctx, ii + 2)]));
    out.push(hash(t::SHAPE, &[sh.as_bytes()]));
    let (sp, sn) = (shape_at(ii - 1), shape_at(ii + 1));
    out.push(hash(t::SHAPE_P, &[sp.as_bytes()]));
    out.push(hash(t::SHAPE_N, &[sn.as_bytes()]));
    out.push(hash(t::SHAPE3, &[sp.as_bytes(), sh.as_bytes(), sn.as_bytes()]));
    affix_features(ctx.norm[i].as_str(), out);
    out.push(hash(t::BI_P, &[boundary_word(ctx, ii - 1), w]));
    out.push(hash(t::BI_N, &[w, boundary_word(ctx, ii + 1)]));
    let flags = [u8::from(cap), u8::from(all_caps), u8::from(tok.sent_start), u8::from(headline)];
    out.push(hash(t::FLAGS, &[&flags]));
    let g = gaz_at(ii);
    out.push(hash(t::GAZ, &[&g]));
    out.push(hash(t::GAZ, &[&g, &flags[..2]]));
    out.push(hash(t::GAZ_P, &[&gaz_at(ii - 1)]));
    out.push(hash(t::GAZ_N, &[&gaz_at(ii + 1)]));
    if cap && ctx.seen_lower.contains(&ctx.norm[i]) {
        out.push(hash(t::SEEN_LOWER, &[&[u8::from(tok.sent_start), u8::from(headline)]]));
    }
    out.push(hash(t::KIND, &[&[tok.kind as u8]]));
    // Position in a run of capitalised words: names are runs.
    let cap_at = |k: isize| k >= 0 && (k as usize) < ctx.tokens.len() && is_capitalised(ctx.tokens[k as usize].text(ctx.text));
    if cap {
        let run = [u8::from(cap_at(ii - 1)), u8::from(cap_at(ii + 1))];
        out.push(hash(t::CAP_RUN, &[&run, &[u8::from(headline)]]));
    }
    out.push(hash(t::SHAPE_CTX, &[sh.as_bytes(), boundary_word(ctx, ii + 1)]));
    out.push(hash(t::WP1_SHAPE, &[boundary_word(ctx, ii - 1), sh.as_bytes()]));
    if tok.sent_start {
        out.push(hash(t::START_W, &[w]));
    }
    if headline {
        out.push(hash(t::HEAD_W, &[w]));
    }
    cluster_features(ctx, ii, &flags[..2], out);
    if cap {
        aggregate_features(ctx, i, out);
    }
}

/// Non-local features (Ratinov and Roth 2009, "context aggregation"): the
/// contexts of the same capitalised word elsewhere in the article, so a
/// sentence-initial or headline `Airbus` learns from `at Airbus ,` and
/// `Airbus said` further down.
fn aggregate_features(ctx: &DocContext, i: usize, out: &mut Vec<u32>) {
    let Some(occ) = ctx.occurrences.get(&ctx.norm[i]) else { return };
    let mut mid_sentence = false;
    let mut in_run = false;
    for &j in occ.iter().filter(|&&j| j != i).take(AGG_OCCURRENCES) {
        let jj = j as isize;
        let cap_at = |k: isize| k >= 0 && (k as usize) < ctx.tokens.len() && ctx.tokens[k as usize].kind == Kind::Word && is_capitalised(ctx.tokens[k as usize].text(ctx.text));
        mid_sentence |= !ctx.tokens[j].sent_start && !ctx.headline[j];
        in_run |= !ctx.headline[j] && (cap_at(jj + 1) || (!ctx.tokens[j].sent_start && cap_at(jj - 1)));
        if !ctx.headline[j] {
            out.push(hash(t::AGG_PREV, &[boundary_word(ctx, jj - 1)]));
            out.push(hash(t::AGG_NEXT, &[boundary_word(ctx, jj + 1)]));
        }
    }
    out.push(hash(t::AGG_FORM, &[&[u8::from(mid_sentence), u8::from(in_run), u8::from(occ.len() > 1)]]));
}

/// Cluster features of token `i` and its neighbours; a token outside the
/// table has one "unknown" feature, itself informative (rare words are
/// often names).
fn cluster_features(ctx: &DocContext, i: isize, case: &[u8], out: &mut Vec<u32>) {
    let at = |k: isize| if k < 0 || k as usize >= ctx.tokens.len() { None } else { ctx.clusters[k as usize] };
    let tok = &ctx.tokens[i as usize];
    match at(i) {
        Some(c) => {
            for (n, bits) in CLUSTER_BITS.iter().enumerate() {
                out.push(hash(t::CLUSTER + n as u8, &[&c.prefix(*bits).to_le_bytes()]));
            }
            out.push(hash(t::CLUSTER_CAP, &[&c.prefix(6).to_le_bytes(), case]));
        }
        None if tok.kind == Kind::Word => out.push(hash(t::CLUSTER_CAP, &[b"?", case])),
        None => {}
    }
    for (n, bits) in CLUSTER_BITS.iter().enumerate() {
        if let Some(c) = at(i - 1) {
            out.push(hash(t::CLUSTER_P + n as u8, &[&c.prefix(*bits).to_le_bytes()]));
        }
        if let Some(c) = at(i + 1) {
            out.push(hash(t::CLUSTER_N + n as u8, &[&c.prefix(*bits).to_le_bytes()]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::token::tokenize;

    /// Modern typography gives the tagger the features of the text it was
    /// trained on: `Russia ’s “deal”` reads as `Russia 's "deal"`.
    #[test]
    fn curly_quotes_and_dashes_read_as_the_training_text_writes_them() {
        let features = |text: &str| {
            let toks = tokenize(text);
            let ctx = DocContext::new(text, &toks);
            (0..toks.len())
                .map(|i| {
                    let mut f = Vec::new();
                    token_features(&ctx, i, &mut f);
                    f
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(features("Russia ’s “ deal ” — Putin"), features("Russia 's \" deal \" - Putin"));
        // Names with an apostrophe, in the gazetteer and the clusters.
        assert_eq!(features("Côte d’Ivoire and O’Malley"), features("Côte d'Ivoire and O'Malley"));
    }

    /// The census supplement's first names are not read by the tagger's
    /// features: it was not trained with them (`Kinds::TAGGER`).
    #[test]
    fn the_tagger_reads_only_its_own_gazetteer_kinds() {
        let text = "Donald Trump met Antony Blinken.";
        let toks = tokenize(text);
        let ctx = DocContext::new(text, &toks);
        assert_eq!(ctx.gaz[0], (Kinds::default(), false), "Donald");
        assert!(ctx.gaz[3].0.has(Kinds::MALE) && ctx.gaz[3].1, "Antony");
    }

    #[test]
    fn shapes_and_context() {
        assert_eq!(shape("Blinken"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1996-08-22"), "d-d-d");
        let text = "Officials in New York met the new mayor. NEW YORK TIMES HEADLINE";
        let toks = tokenize(text);
        let ctx = DocContext::new(text, &toks);
        let i = toks.iter().position(|t| t.text(text) == "New").unwrap();
        assert!(ctx.gaz[i].0.has(Kinds::PLACE) && ctx.gaz[i].1);
        assert!(ctx.gaz[i + 1].0.has(Kinds::PLACE) && !ctx.gaz[i + 1].1);
        assert!(ctx.headline[toks.len() - 1] && !ctx.headline[0]);
        assert!(ctx.seen_lower.contains("new"));
        let mut f = Vec::new();
        token_features(&ctx, i, &mut f);
        assert!(f.len() > 20);
    }

    #[test]
    fn a_word_learns_from_its_other_occurrences() {
        let text = "Airbus shares fell. Analysts at Airbus said so.";
        let toks = tokenize(text);
        let ctx = DocContext::new(text, &toks);
        let mut f = Vec::new();
        token_features(&ctx, 0, &mut f);
        // The sentence-initial Airbus sees "at" before its other occurrence
        // and that it is written capitalised mid-sentence there.
        assert!(f.contains(&hash(t::AGG_PREV, &[b"at"])));
        assert!(f.contains(&hash(t::AGG_FORM, &[&[1, 0, 1]])));
        // Acronyms also used as words (`US`, `us`) get no cluster.
        let text = "The US told us so.";
        let toks = tokenize(text);
        let ctx = DocContext::new(text, &toks);
        assert_eq!(ctx.clusters[1], None);
        assert!(ctx.clusters[3].is_some());
    }
}
