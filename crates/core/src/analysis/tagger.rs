//! Name recognition: PERSON, PLACE, ORG and MISC spans.
//!
//! [`NameTagger`] is the interface; [`PerceptronTagger`] is the current
//! implementation: a first-order structured (averaged) perceptron over
//! BILOU labels (Begin, Inside, Last, Unit-length, Outside: Ratinov and Roth
//! 2009 found them better than BIO, because the last word of a name and a
//! one-word name each get weights of their own) with Viterbi decoding, run
//! twice: the second pass reads the first pass's labels of the same words
//! elsewhere in the article ([`super::history`]). Before any weight, a
//! token's form rules some labels out ([`closed`]). Both models are
//! trained on CoNLL-2003 `train` by `marginalia train` (see
//! `marginalia-train`'s `train`) and hold only hashed feature IDs and quantised
//! weights, never training text.
//!
//! The model files, `ner.model` (first pass) and `ner2.model` (second),
//! are read and written by [`super::model_file`].

use std::sync::OnceLock;

use super::features::{token_features, DocContext};
use super::model_file::{self, ModelParts};
use super::history::{history_features, History};
use super::token::{Kind, Token};
use super::words::{word_set, WordSet};

pub use super::labels::{part_of, spans_of, NameSpan, NameType, Part, LABELS, L};

/// Anything that finds names in tokenised text. A learned tagger of another
/// kind can replace the perceptron behind this interface.
pub trait NameTagger {
    /// The names in the document, in order, not overlapping.
    fn tag(&self, ctx: &DocContext) -> Vec<NameSpan>;
}

/// True when label `to` may follow label `from` (`None`: the start): inside
/// a name (after `B-X` or `I-X`) only `I-X` or `L-X`; elsewhere only `O`,
/// `B-Y` or `U-Y`.
pub fn allowed(from: Option<usize>, to: usize) -> bool {
    let open = from.and_then(|f| Some((NameType::of_label(f)?, part_of(f)?))).filter(|(_, p)| matches!(p, Part::Begin | Part::Inside));
    match open {
        Some((kind, _)) => to == kind.label(Part::Inside) || to == kind.label(Part::Last),
        None => !matches!(part_of(to), Some(Part::Inside | Part::Last)),
    }
}

/// True when a sequence may end on `label` (not inside an open name).
pub fn may_end(label: usize) -> bool {
    !matches!(part_of(label), Some(Part::Begin | Part::Inside))
}

/// `ALLOWED[from][to]`, `from == L` being the start: [`allowed`] as a table.
fn allowed_table() -> &'static [[bool; L]; L + 1] {
    static TABLE: OnceLock<[[bool; L]; L + 1]> = OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|f| std::array::from_fn(|t| allowed(if f == L { None } else { Some(f) }, t))))
}

/// For each label, the labels allowed before it, ascending (`count`,
/// `list`): nine for `O`, `B-` and `U-`, two for `I-` and `L-`, so
/// [`viterbi`] tries a third of the 17 × 17 pairs (it was a fifth of the
/// analysis time).
fn predecessors() -> &'static [(usize, [u8; L]); L] {
    static TABLE: OnceLock<[(usize, [u8; L]); L]> = OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|y| {
            let mut list = [0u8; L];
            let mut count = 0;
            for p in (0..L).filter(|&p| allowed(Some(p), y)) {
                list[count] = p as u8;
                count += 1;
            }
            (count, list)
        })
    })
}

/// Viterbi over `emissions` (one `[f32; L]` per token) with `trans`
/// (`(L+1)*L`, last row = start). Returns the best allowed label sequence.
pub fn viterbi(emissions: &[[f32; L]], trans: &[f32]) -> Vec<usize> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let ok = allowed_table();
    let mut score = vec![[f32::NEG_INFINITY; L]; n];
    let mut back = vec![[0u8; L]; n];
    for y in 0..L {
        if ok[L][y] {
            score[0][y] = trans[L * L + y] + emissions[0][y];
        }
    }
    let preds = predecessors();
    for t in 1..n {
        for y in 0..L {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            let (count, list) = &preds[y];
            for &p in &list[..*count] {
                let p = p as usize;
                if score[t - 1][p] == f32::NEG_INFINITY {
                    continue;
                }
                let s = score[t - 1][p] + trans[p * L + y];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            score[t][y] = best + emissions[t][y];
            back[t][y] = arg;
        }
    }
    let mut y = (0..L).filter(|&y| may_end(y)).max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b])).unwrap_or(0);
    let mut out = vec![0; n];
    for t in (0..n).rev() {
        out[t] = y;
        y = back[t][y] as usize;
    }
    out
}


/// The token ranges the tagger decodes one at a time: paragraphs.
pub fn sequences(tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        if i > start && t.para_start {
            out.push((start, i));
            start = i;
        }
    }
    if start < tokens.len() {
        out.push((start, tokens.len()));
    }
    out
}

/// Lower-case words that may sit inside a name (`Bank of England`,
/// `Ursula von der Leyen`, `Trinidad and Tobago`): the only ones that do
/// in more than a handful of CoNLL-2003 names.
static NAME_CONNECTORS: WordSet = word_set![
    "of", "and", "de", "the", "van", "for", "der", "in", "on", "et", "al", "da", "den", "del", "von", "la", "le", "du", "dos", "di", "y", "bin", "lo", "della",
    "dello", "&",
];

/// A score no learned weight reaches: the label is ruled out.
const RULED_OUT: f32 = -1e4;

/// The labels a token's form rules out before any weight is read, the same
/// in training and tagging.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Closed {
    /// Any label.
    Open,
    /// Only `O`: links, handles and other special tokens, and lower-case
    /// words (see [`closed`]).
    OutsideOnly,
    /// `O` or inside a name: a lower-case `NAME_CONNECTORS` word.
    InsideOrOutside,
}

impl Closed {
    /// True when `label` is not ruled out.
    pub fn allows(self, label: usize) -> bool {
        match self {
            Closed::Open => true,
            Closed::OutsideOnly => label == 0,
            Closed::InsideOrOutside => label == 0 || part_of(label) == Some(Part::Inside),
        }
    }

    /// Sets the ruled-out labels of `emission` to a score none can win with.
    pub fn apply(self, emission: &mut [f32; L]) {
        for (label, e) in emission.iter_mut().enumerate() {
            if !self.allows(label) {
                *e = RULED_OUT;
            }
        }
    }
}

/// What token `i`'s form rules out. Special tokens (handles, links…) are
/// never part of names. A word written all in lower case never begins,
/// ends or is a name, and is inside one only if it is one of
/// `NAME_CONNECTORS`: 99.6% of CoNLL-2003 train names obey this
/// (the rest: `serie A`, `interior ministry`), but the perceptron, which
/// rarely sees a lower-case word inside a name, would still tag `said
/// Colon` or `Fitch downgrades Malaysia` as one name when the capitalised
/// neighbours pull hard enough. Words with a capital anywhere (`eBay`) or
/// hyphenated to a neighbour (`Ontario-based`, `al-Aqsa`, marked whole)
/// are left to the model.
pub fn closed(ctx: &DocContext, i: usize) -> Closed {
    let t = &ctx.tokens[i];
    if !matches!(t.kind, Kind::Word | Kind::Number | Kind::Punct) {
        return Closed::OutsideOnly;
    }
    let word = t.text(ctx.text);
    let lower = t.kind == Kind::Word && word.chars().next().is_some_and(char::is_lowercase) && !word.chars().any(char::is_uppercase);
    let hyphen = |c: Option<char>| matches!(c, Some('-' | '‐' | '‑'));
    let glued = hyphen(ctx.text[..t.start].chars().next_back()) || hyphen(ctx.text[t.end..].chars().next());
    match (lower && !glued, NAME_CONNECTORS.contains(word)) {
        (false, _) => Closed::Open,
        (true, true) => Closed::InsideOrOutside,
        (true, false) => Closed::OutsideOnly,
    }
}

/// A loaded perceptron model.
pub struct Model {
    scale: f32,
    /// Transitions with disallowed BIO moves set to -inf.
    trans: Vec<f32>,
    keys: Vec<u32>,
    /// Quantised weights, `L` per feature (times `scale`).
    weights: Vec<i8>,
    /// Open-addressing table of `(key, feature index + 1)`; index 0 = empty.
    table: Vec<(u32, u32)>,
    /// `table.len() - 1` (a power of two minus one).
    mask: u32,
    /// One bit per 2^18 hash values: most features a text produces are not
    /// in the model, and this 32 KB filter rejects them without touching
    /// the table.
    filter: Vec<u64>,
}

/// Why a model file is unusable.
#[derive(Debug, PartialEq, Eq)]
pub struct ModelError(pub String);

impl Model {
    /// Reads a model from its bytes ([`super::model_file`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        Model::read(bytes, None)
    }

    /// Reads a model written over `base`'s features (the second pass's,
    /// over the first pass it follows: [`super::model_file`]).
    pub fn from_bytes_over(bytes: &[u8], base: &Model) -> Result<Model, ModelError> {
        Model::read(bytes, Some(&base.keys))
    }

    /// This model's feature hashes, ascending (what a model written over
    /// it is read with).
    pub fn keys(&self) -> &[u32] {
        &self.keys
    }

    fn read(bytes: &[u8], base: Option<&[u32]>) -> Result<Model, ModelError> {
        let ModelParts { scale, trans, keys, weights } = model_file::decode(bytes, L, base).map_err(|e| ModelError(e.0.to_string()))?;
        let n = keys.len();
        // A hash table at most 3/8 full: one or two probes per lookup.
        let size = (n * 8 / 3).max(16).next_power_of_two();
        let mask = size as u32 - 1;
        let mut table = vec![(0u32, 0u32); size];
        let mut filter = vec![0u64; FILTER_BITS / 64];
        for (i, &k) in keys.iter().enumerate() {
            let mut slot = slot_of(k, mask);
            while table[slot].1 != 0 {
                slot = (slot + 1) & mask as usize;
            }
            table[slot] = (k, i as u32 + 1);
            let bit = filter_bit(k);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        let trans = (0..(L + 1) * L)
            .map(|i| {
                let (from, to) = (i / L, i % L);
                if allowed(if from == L { None } else { Some(from) }, to) { trans[i] } else { f32::NEG_INFINITY }
            })
            .collect();
        Ok(Model { scale, trans, keys, weights, table, mask, filter })
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// The emission scale (for diagnostics).
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// True for an empty model.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    #[inline]
    fn find(&self, key: u32) -> Option<usize> {
        let bit = filter_bit(key);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let mut slot = slot_of(key, self.mask);
        loop {
            let (k, entry) = self.table[slot];
            if entry == 0 {
                return None;
            }
            if k == key {
                return Some(entry as usize - 1);
            }
            slot = (slot + 1) & self.mask as usize;
        }
    }

    /// The label scores of a token with `features`.
    pub fn emission(&self, features: &[u32]) -> [f32; L] {
        // Sum the quantised integers, scale once.
        let mut sum = [0i32; L];
        for &f in features {
            if let Some(i) = self.find(f) {
                for (s, &w) in sum.iter_mut().zip(&self.weights[i * L..i * L + L]) {
                    *s += i32::from(w);
                }
            }
        }
        sum.map(|x| x as f32 * self.scale)
    }

    /// The transition weights.
    pub fn transitions(&self) -> &[f32] {
        &self.trans
    }
}

/// Size of the membership filter in bits.
const FILTER_BITS: usize = 1 << 18;

fn filter_bit(key: u32) -> usize {
    (key.wrapping_mul(0x85EB_CA6B) >> 14) as usize & (FILTER_BITS - 1)
}

/// Fibonacci hashing of a (already hashed) feature key to a slot.
fn slot_of(key: u32, mask: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9) >> 7 & mask) as usize
}

static MODEL_BYTES: &[u8] = include_bytes!("data/ner.model");
static SECOND_BYTES: &[u8] = include_bytes!("data/ner2.model");

/// The first-pass model and, when there is one, the second pass's (see
/// [`super::history`]).
pub struct Models {
    /// Reads each token's own features.
    pub first: Model,
    /// Reads what the first pass made of the same word elsewhere.
    pub second: Option<Model>,
}

impl Models {
    /// Reads the first pass's model, then the second's over it.
    pub fn from_bytes(first: &[u8], second: Option<&[u8]>) -> Result<Models, ModelError> {
        let first = Model::from_bytes(first)?;
        let second = second.map(|b| Model::from_bytes_over(b, &first)).transpose()?;
        Ok(Models { first, second })
    }
}

static MODELS: OnceLock<Option<Models>> = OnceLock::new();

/// The shipped models, loaded once. An unreadable second-pass model only
/// turns the second pass off.
pub fn shipped_models() -> Option<&'static Models> {
    MODELS
        .get_or_init(|| {
            let first = Model::from_bytes(MODEL_BYTES).ok()?;
            let second = Model::from_bytes_over(SECOND_BYTES, &first).ok();
            Some(Models { first, second })
        })
        .as_ref()
}

/// The shipped first-pass model.
pub fn shipped_model() -> Option<&'static Model> {
    shipped_models().map(|m| &m.first)
}

/// Uses these models instead of the shipped ones from now on (`marginalia
/// eval --model FILE [--second FILE]`: scoring a trained model without
/// rebuilding). Fails if the bytes are not models or models are in use.
pub fn replace_shipped_models(first: &[u8], second: Option<&[u8]>) -> Result<(), ModelError> {
    let models = Models::from_bytes(first, second)?;
    MODELS.set(Some(models)).map_err(|_| ModelError("a model is already in use".to_string()))
}

/// The perceptron tagger: a first pass over each token's features, then,
/// with a second-pass model, a second pass over the same features plus
/// what the first pass made of the same words elsewhere
/// ([`super::history`]).
pub struct PerceptronTagger {
    model: &'static Model,
    second: Option<&'static Model>,
}

/// What the first pass computed for a document.
pub struct FirstPass {
    /// What each token's form rules out.
    pub closed: Vec<Closed>,
    /// The best labels.
    pub labels: Vec<usize>,
    /// The second-pass model's scores of each token's own features
    /// (computed with the first pass's, so features are extracted once);
    /// empty without a second pass.
    pub second_local: Vec<[f32; L]>,
}

impl PerceptronTagger {
    /// A tagger using the shipped models, if they load.
    pub fn shipped() -> Option<PerceptronTagger> {
        shipped_models().map(|m| PerceptronTagger::new(&m.first, m.second.as_ref()))
    }

    /// A tagger using `model`, and `second` for a second pass.
    pub fn new(model: &'static Model, second: Option<&'static Model>) -> PerceptronTagger {
        PerceptronTagger { model, second }
    }

    /// Scores and decodes every token from its own features.
    pub fn first_pass(&self, ctx: &DocContext) -> FirstPass {
        let n = ctx.tokens.len();
        let mut emissions = vec![[0f32; L]; n];
        let mut second_local = vec![[0f32; L]; if self.second.is_some() { n } else { 0 }];
        let mut closed = Vec::with_capacity(n);
        let mut feats = Vec::with_capacity(64);
        for (i, e) in emissions.iter_mut().enumerate() {
            let c = self::closed(ctx, i);
            // A token that can only be `O` needs no weights.
            if c != Closed::OutsideOnly {
                feats.clear();
                token_features(ctx, i, &mut feats);
                *e = self.model.emission(&feats);
                if let Some(second) = self.second {
                    second_local[i] = second.emission(&feats);
                }
            }
            c.apply(e);
            closed.push(c);
        }
        let labels = decode(ctx, &emissions, self.model.transitions());
        FirstPass { closed, labels, second_local }
    }
}

/// The best labels of each paragraph of `ctx`, one after another.
fn decode(ctx: &DocContext, emissions: &[[f32; L]], trans: &[f32]) -> Vec<usize> {
    let mut labels = Vec::with_capacity(emissions.len());
    for (s, e) in sequences(ctx.tokens) {
        labels.extend(viterbi(&emissions[s..e], trans));
    }
    labels
}

impl NameTagger for PerceptronTagger {
    fn tag(&self, ctx: &DocContext) -> Vec<NameSpan> {
        let FirstPass { closed, labels, second_local: mut emissions } = self.first_pass(ctx);
        let Some(second) = self.second else { return spans_of(&labels, 0) };
        let history = History::new(ctx, labels);
        let mut feats = Vec::with_capacity(16);
        for (i, (e, c)) in emissions.iter_mut().zip(&closed).enumerate() {
            if *c != Closed::OutsideOnly {
                feats.clear();
                history_features(ctx, &history, i, &mut feats);
                let extra = second.emission(&feats);
                e.iter_mut().zip(extra).for_each(|(a, b)| *a += b);
            }
            c.apply(e);
        }
        spans_of(&decode(ctx, &emissions, second.transitions()), 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_constraints_and_spans() {
        use NameType::*;
        let (b, i, l, u) = (Person.label(Part::Begin), Person.label(Part::Inside), Person.label(Part::Last), Person.label(Part::Unit));
        assert!(allowed(None, b) && allowed(None, u) && !allowed(None, i) && !allowed(None, l));
        assert!(allowed(Some(b), i) && allowed(Some(b), l) && allowed(Some(i), l) && !allowed(Some(b), 0) && !allowed(Some(b), Org.label(Part::Last)));
        assert!(allowed(Some(l), 0) && allowed(Some(u), b) && !allowed(Some(u), l));
        assert!(may_end(l) && may_end(0) && !may_end(b));
        // Emissions preferring an invalid I-PER at the start get a valid path
        // that does not end inside a name.
        let mut em = vec![[0f32; L]; 3];
        em[0][i] = 5.0;
        em[1][i] = 5.0;
        em[2][b] = 9.0;
        let labels = viterbi(&em, &vec![0f32; (L + 1) * L]);
        assert_ne!(labels[0], i);
        assert!(may_end(labels[2]));
        let (ob, ol, mu) = (Org.label(Part::Begin), Org.label(Part::Last), Misc.label(Part::Unit));
        assert_eq!(spans_of(&[0, b, l, 0, u, ob, ol, mu], 10), vec![
            NameSpan { first: 11, last: 12, kind: Person },
            NameSpan { first: 14, last: 14, kind: Person },
            NameSpan { first: 15, last: 16, kind: Org },
            NameSpan { first: 17, last: 17, kind: Misc },
        ]);
    }

    #[test]
    fn shipped_model_loads() {
        let m = shipped_model().expect("model");
        assert!(m.len() > 1000);
    }
}
