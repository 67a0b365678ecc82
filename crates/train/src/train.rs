//! Training the name tagger: a first-order structured perceptron with
//! weight averaging (Collins 2002), over BILOU labels, on CoNLL-style
//! documents (`{text, entities: [{type, start, end}]}`, code point offsets).
//!
//! Run by `marginalia train`, which trains the first pass ([`train`]) and
//! the second ([`train_second`], over first passes of held-out folds) and
//! writes them to `crates/core/src/analysis/data/ner.model` and
//! `ner2.model`, compiled into the app.

use std::collections::HashMap;

use crate::ranker::{shuffle, xorshift};

use marginalia_core::analysis::features::{token_features, DocContext};
use marginalia_core::analysis::history::{history_features, History};
use marginalia_core::analysis::model_file::{self, ModelParts};
use marginalia_core::analysis::tagger::{closed, spans_of, viterbi, Closed, Model, NameType, Part, PerceptronTagger, L};
use marginalia_core::analysis::token::{tokenize, Token};
use marginalia_core::text::{ByteRange, CharRange, IndexedText};

/// A document with its gold names, ready for training.
#[derive(Clone)]
pub struct Example {
    /// The text.
    pub text: String,
    /// Its tokens.
    pub tokens: Vec<Token>,
    /// Gold label per token.
    pub labels: Vec<usize>,
}

/// Parses a corpus type name.
pub fn name_type(t: &str) -> Option<NameType> {
    match t {
        "PERSON" | "PER" => Some(NameType::Person),
        "PLACE" | "LOC" => Some(NameType::Place),
        "ORG" => Some(NameType::Org),
        "MISC" => Some(NameType::Misc),
        _ => None,
    }
}

/// Builds an example from text and gold names (code point ranges). Returns
/// it and the number of names whose boundaries fall inside a token.
pub fn example(text: &str, names: &[(NameType, CharRange)]) -> (Example, usize) {
    let indexed = IndexedText::new(text.to_string());
    let tokens = tokenize(text);
    let mut labels = vec![0usize; tokens.len()];
    let mut misaligned = 0;
    for (kind, r) in names {
        let Some(b) = indexed.byte_range(*r) else {
            misaligned += 1;
            continue;
        };
        let inside: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].start >= b.start && tokens[i].end <= b.end).collect();
        let covers = inside.first().is_some_and(|&f| tokens[f].start == b.start) && inside.last().is_some_and(|&l| tokens[l].end == b.end);
        if !covers {
            misaligned += 1;
            continue;
        }
        for (k, &i) in inside.iter().enumerate() {
            let part = match (k == 0, k + 1 == inside.len()) {
                (true, true) => Part::Unit,
                (true, false) => Part::Begin,
                (false, true) => Part::Last,
                (false, false) => Part::Inside,
            };
            labels[i] = kind.label(part);
        }
    }
    (Example { text: text.to_string(), tokens, labels }, misaligned)
}

#[derive(Clone)]
struct Weight {
    w: [f32; L],
    acc: [f32; L],
}

/// Training settings.
pub struct Options {
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Chance that any one feature of a token is hidden from the learner
    /// at a step (feature noising; see `noised`); 0 is the plain perceptron.
    pub dropout: f32,
}

/// An averaged model in full precision.
pub struct Trained {
    weights: HashMap<u32, [f32; L]>,
    trans: Vec<f32>,
}

struct Sequence {
    example: usize,
    start: usize,
    end: usize,
    features: Vec<Vec<u32>>,
    /// The labels each token's form rules out (see [`closed`]).
    closed: Vec<Closed>,
}

/// The tagger's form constraints on token `i`, where the gold obeys them
/// (a gold name the learner cannot reach would update on every pass).
fn closed_unless_gold(ctx: &DocContext, ex: &Example, i: usize) -> Closed {
    let c = closed(ctx, i);
    if c.allows(ex.labels[i]) { c } else { Closed::Open }
}

/// Every sentence of `examples` with its tokens' features (which do not
/// depend on the weights: extracted once).
fn sequences_of(examples: &[Example]) -> Vec<Sequence> {
    let mut seqs: Vec<Sequence> = Vec::new();
    for (ei, ex) in examples.iter().enumerate() {
        let ctx = DocContext::new(&ex.text, &ex.tokens);
        for (s, e) in marginalia_core::analysis::tagger::sequences(&ex.tokens) {
            let features = (s..e)
                .map(|i| {
                    let mut f = Vec::with_capacity(48);
                    token_features(&ctx, i, &mut f);
                    f
                })
                .collect();
            let closed = (s..e).map(|i| closed_unless_gold(&ctx, ex, i)).collect();
            seqs.push(Sequence { example: ei, start: s, end: e, features, closed });
        }
    }
    seqs
}

/// Every sentence of `examples` with its second-pass features (its own
/// and [`history_features`]), over the first pass of the fold model that
/// did not see it (`folds[k]` tags the examples `e` with `e % folds.len()
/// == k`).
fn second_pass_sequences(examples: &[Example], folds: &[&'static Model]) -> Vec<Sequence> {
    let mut seqs: Vec<Sequence> = Vec::new();
    for (ei, ex) in examples.iter().enumerate() {
        let fold = ei % folds.len();
        let ctx = DocContext::new(&ex.text, &ex.tokens);
        let first = PerceptronTagger::new(folds[fold], None).first_pass(&ctx);
        let history = History::new(&ctx, first.labels);
        for (s, e) in marginalia_core::analysis::tagger::sequences(&ex.tokens) {
            let features = (s..e)
                .map(|i| {
                    let mut f = Vec::with_capacity(64);
                    token_features(&ctx, i, &mut f);
                    history_features(&ctx, &history, i, &mut f);
                    f
                })
                .collect();
            let closed = (s..e).map(|i| closed_unless_gold(&ctx, ex, i)).collect();
            seqs.push(Sequence { example: ei, start: s, end: e, features, closed });
        }
    }
    seqs
}

/// Weights being learned, with the sums that average them.
struct Learner {
    weights: HashMap<u32, Weight>,
    trans: Vec<f32>,
    trans_acc: Vec<f32>,
    /// Updates so far plus one: the averaging clock.
    c: f32,
}

impl Learner {
    fn emissions(&self, features: &[Vec<u32>], closed: &[Closed]) -> Vec<[f32; L]> {
        features
            .iter()
            .zip(closed)
            .map(|(fs, closed)| {
                let mut s = [0f32; L];
                for w in fs.iter().filter_map(|f| self.weights.get(f)) {
                    for (a, b) in s.iter_mut().zip(&w.w) {
                        *a += b;
                    }
                }
                closed.apply(&mut s);
                s
            })
            .collect()
    }

    /// The perceptron update for one sentence; returns its token errors.
    fn update(&mut self, features: &[Vec<u32>], gold: &[usize], pred: &[usize]) -> usize {
        let (c, mut errors) = (self.c, 0);
        for t in 0..pred.len() {
            if pred[t] != gold[t] {
                errors += 1;
                for &f in &features[t] {
                    let w = self.weights.entry(f).or_insert(Weight { w: [0.0; L], acc: [0.0; L] });
                    w.w[gold[t]] += 1.0;
                    w.acc[gold[t]] += c;
                    w.w[pred[t]] -= 1.0;
                    w.acc[pred[t]] -= c;
                }
            }
            let gp = if t == 0 { L } else { gold[t - 1] };
            let pp = if t == 0 { L } else { pred[t - 1] };
            if (gp, gold[t]) != (pp, pred[t]) {
                self.trans[gp * L + gold[t]] += 1.0;
                self.trans_acc[gp * L + gold[t]] += c;
                self.trans[pp * L + pred[t]] -= 1.0;
                self.trans_acc[pp * L + pred[t]] -= c;
            }
        }
        errors
    }

    /// The averaged weights.
    fn finish(self) -> Trained {
        let c = self.c;
        let avg = |w: f32, acc: f32| w - acc / c;
        Trained {
            weights: self.weights.into_iter().map(|(f, w)| (f, std::array::from_fn(|y| avg(w.w[y], w.acc[y])))).collect(),
            trans: self.trans.iter().zip(&self.trans_acc).map(|(&w, &a)| avg(w, a)).collect(),
        }
    }
}

/// Trains on `examples`; `progress(epoch, token_errors)` is called after
/// each pass.
pub fn train(examples: &[Example], opts: &Options, progress: impl FnMut(usize, usize)) -> Trained {
    learn(examples, &sequences_of(examples), opts, progress)
}

/// Trains the second pass on `examples` (see [`marginalia_core::analysis::history`]) over the
/// first passes of `folds`: models each trained without the examples it
/// tags here (see `second_pass_sequences`).
pub fn train_second(examples: &[Example], folds: &[&'static Model], opts: &Options, progress: impl FnMut(usize, usize)) -> Trained {
    learn(examples, &second_pass_sequences(examples, folds), opts, progress)
}

/// The perceptron loop over `seqs`.
fn learn(examples: &[Example], seqs: &[Sequence], opts: &Options, mut progress: impl FnMut(usize, usize)) -> Trained {
    let zeros = vec![0f32; (L + 1) * L];
    let mut learner = Learner { weights: HashMap::new(), trans: zeros.clone(), trans_acc: zeros, c: 1.0 };
    let mut order: Vec<usize> = (0..seqs.len()).collect();
    let mut rng = opts.seed.max(1);
    let mut noise_rng = opts.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).max(1);
    for epoch in 0..opts.epochs {
        shuffle(&mut order, &mut rng);
        let mut errors = 0;
        for &si in &order {
            let seq = &seqs[si];
            let gold = &examples[seq.example].labels[seq.start..seq.end];
            let noised = noised(seq, opts.dropout, &mut noise_rng);
            let features = noised.as_deref().unwrap_or(&seq.features);
            let pred = viterbi(&learner.emissions(features, &seq.closed), &learner.trans);
            if pred != gold {
                errors += learner.update(features, gold, &pred);
            }
            learner.c += 1.0;
        }
        progress(epoch + 1, errors);
    }
    learner.finish()
}

/// A uniform draw in [0, 1) from the xorshift state `rng`.
fn draw(rng: &mut u64) -> f32 {
    (xorshift(rng) >> 40) as f32 / (1u64 << 24) as f32
}

/// `seq`'s features with each hidden at random with chance `dropout`, or
/// `None` when it is 0 (the plain perceptron, drawing nothing). Feature
/// noising (Wang et al. 2013, "Feature Noising for Log-Linear Structured
/// Prediction"; dropout for linear models): a step's update then reaches
/// only the features that were shown, so no weight can carry a name
/// alone and the context, shape and cluster features learn what a
/// memorised word would otherwise decide. The draws follow the training
/// order's seed, so training stays reproducible byte for byte.
fn noised(seq: &Sequence, dropout: f32, rng: &mut u64) -> Option<Vec<Vec<u32>>> {
    if dropout <= 0.0 {
        return None;
    }
    Some(seq.features.iter().map(|fs| fs.iter().copied().filter(|_| draw(rng) >= dropout).collect()).collect())
}

impl Trained {
    /// The mean of several models (the same data in different orders): a
    /// perceptron's result depends on the order it saw the examples in, and
    /// the mean of a few orders varies less than any one of them.
    pub fn mean(models: Vec<Trained>) -> Trained {
        let n = models.len().max(1) as f32;
        let mut weights: HashMap<u32, [f32; L]> = HashMap::new();
        let mut trans = vec![0f32; (L + 1) * L];
        for m in models {
            for (f, w) in m.weights {
                let sum = weights.entry(f).or_insert([0.0; L]);
                sum.iter_mut().zip(w).for_each(|(a, b)| *a += b / n);
            }
            trans.iter_mut().zip(m.trans).for_each(|(a, b)| *a += b / n);
        }
        Trained { weights, trans }
    }

    /// Number of features with any weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// True when nothing was learned.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Serialises the `max_features` strongest features
    /// ([`marginalia_core::analysis::model_file`]), weights quantised to 8
    /// bits (scale set by the 99.9th percentile of magnitudes), then, below
    /// 8 `bits`, to the `2^bits` levels of [`codebook`]. With `base` (the
    /// first pass, for a second pass's model), the features it shares with
    /// `base` are written as one bit each.
    pub fn to_bytes(&self, max_features: usize, bits: u32, base: Option<&Model>) -> Result<Vec<u8>, String> {
        let mut feats: Vec<(u32, [f32; L])> = self.weights.iter().map(|(k, v)| (*k, *v)).collect();
        let strength = |w: &[f32; L]| w.iter().fold(0f32, |m, x| m.max(x.abs()));
        feats.sort_by(|a, b| strength(&b.1).total_cmp(&strength(&a.1)).then(a.0.cmp(&b.0)));
        feats.truncate(max_features);
        feats.sort_by_key(|f| f.0);
        let mut mags: Vec<f32> = feats.iter().flat_map(|f| f.1.iter().map(|x| x.abs())).filter(|x| *x > 0.0).collect();
        mags.sort_by(f32::total_cmp);
        let p = mags.get(mags.len().saturating_sub(1) * 999 / 1000).copied().unwrap_or(1.0).max(1e-6);
        let scale = p / 127.0;
        let q: Vec<i8> = feats.iter().flat_map(|(_, w)| w.iter().map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8)).collect();
        let levels = codebook(&q, bits);
        let weights = if bits >= 8 { q } else { q.iter().map(|&v| nearest(&levels, v)).collect() };
        let parts = ModelParts { scale, trans: self.trans.clone(), keys: feats.iter().map(|f| f.0).collect(), weights };
        model_file::encode(&parts, L, bits.clamp(1, 8), base.map(Model::keys)).map_err(|e| format!("writing the model: {}", e.0))
    }
}

/// The `2^bits` levels (0 among them) that the 8-bit weights `q` are
/// rounded to, placed by Lloyd's algorithm (1-D k-means over the values'
/// histogram, started at their quantiles) so that the levels sit where
/// weights are dense; 8 bits or more keep every value.
pub fn codebook(q: &[i8], bits: u32) -> Vec<i8> {
    if bits >= 8 {
        return (-127..=127).collect();
    }
    let mut hist = [0u64; 256];
    q.iter().filter(|&&v| v != 0).for_each(|&v| hist[(v as i16 + 128) as usize] += 1);
    let nonzero: Vec<i16> = (0..256).flat_map(|b| std::iter::repeat_n(b as i16 - 128, hist[b] as usize)).collect();
    let k = (1usize << bits) - 1;
    if nonzero.is_empty() {
        return vec![0];
    }
    let mut centres: Vec<f64> = (0..k).map(|j| f64::from(nonzero[(2 * j + 1) * nonzero.len() / (2 * k)])).collect();
    for _ in 0..100 {
        let mut sums = vec![(0f64, 0u64); k];
        for (b, &n) in hist.iter().enumerate().filter(|(_, n)| **n > 0) {
            let v = b as f64 - 128.0;
            let j = (0..k).min_by(|&a, &c| (centres[a] - v).abs().total_cmp(&(centres[c] - v).abs())).unwrap_or(0);
            sums[j].0 += v * n as f64;
            sums[j].1 += n;
        }
        centres = sums.iter().zip(&centres).map(|(&(s, n), &c)| if n > 0 { s / n as f64 } else { c }).collect();
    }
    let mut levels: Vec<i8> = centres.iter().map(|c| c.round() as i8).chain([0]).collect();
    levels.sort_unstable();
    levels.dedup();
    levels
}

/// The level of `levels` nearest `v`.
fn nearest(levels: &[i8], v: i8) -> i8 {
    if v == 0 {
        return 0;
    }
    levels.iter().copied().min_by_key(|&l| (i16::from(l) - i16::from(v)).abs()).unwrap_or(0)
}

/// Decodes an example with `tagger` and returns predicted spans as byte
/// ranges with types.
pub fn predict(tagger: &dyn marginalia_core::analysis::tagger::NameTagger, text: &str, tokens: &[Token]) -> Vec<(NameType, ByteRange)> {
    let ctx = DocContext::new(text, tokens);
    tagger.tag(&ctx).into_iter().map(|s| (s.kind, ByteRange::new(tokens[s.first].start, tokens[s.last].end))).collect()
}

/// Gold spans of an example as byte ranges.
pub fn gold_spans(ex: &Example) -> Vec<(NameType, ByteRange)> {
    spans_of(&ex.labels, 0).into_iter().map(|s| (s.kind, ByteRange::new(ex.tokens[s.first].start, ex.tokens[s.last].end))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sequence(tokens: usize, per_token: u32) -> Sequence {
        let features = (0..tokens as u32).map(|t| (0..per_token).map(|f| t * per_token + f).collect()).collect();
        Sequence { example: 0, start: 0, end: tokens, features, closed: vec![Closed::Open; tokens] }
    }

    #[test]
    fn no_dropout_draws_nothing_and_hides_nothing() {
        let mut rng = 7;
        assert!(noised(&sequence(3, 10), 0.0, &mut rng).is_none());
        assert_eq!(rng, 7, "the plain perceptron's training must not move the generator");
    }

    #[test]
    fn dropout_hides_about_its_share_the_same_way_for_a_seed() {
        let seq = sequence(100, 50);
        let (mut a, mut b) = (42u64, 42u64);
        let once = noised(&seq, 0.3, &mut a).expect("noised");
        assert_eq!(Some(once.clone()), noised(&seq, 0.3, &mut b), "same seed, same features hidden");
        let kept: usize = once.iter().map(Vec::len).sum();
        let share = 1.0 - kept as f64 / 5_000.0;
        assert!((0.27..0.33).contains(&share), "hid {share:.3} of the features, not about 0.3");
        // Each kept feature stays at its own token, in order.
        assert!(once.iter().enumerate().all(|(t, fs)| fs.windows(2).all(|w| w[0] < w[1]) && fs.iter().all(|f| f / 50 == t as u32)));
    }

    #[test]
    fn a_codebook_keeps_zero_and_errs_less_with_more_bits() {
        // Weights shaped like a perceptron's: a third zero, most small.
        let q: Vec<i8> = (0..3_000i32).map(|i| if i % 3 == 0 { 0 } else { ((i * 37 % 101 - 50) * (i % 7 + 1) / 7) as i8 }).collect();
        let error = |bits| {
            let levels = codebook(&q, bits);
            assert!(levels.len() <= 1 << bits && levels.contains(&0), "{bits} bits: {levels:?}");
            q.iter().map(|&v| (i32::from(nearest(&levels, v)) - i32::from(v)).pow(2)).sum::<i32>()
        };
        let errors: Vec<i32> = (2..=8).map(error).collect();
        assert!(errors.windows(2).all(|w| w[1] <= w[0]), "{errors:?}");
        assert_eq!(errors[6], 0, "8 bits keep every value");
        assert!(q.iter().filter(|&&v| v == 0).all(|&v| nearest(&codebook(&q, 3), v) == 0), "a zero weight stays zero");
    }

    #[test]
    fn a_model_written_with_fewer_bits_loads_with_its_levels() {
        let mut weights = HashMap::new();
        for k in 0..50u32 {
            weights.insert(k * 7919, std::array::from_fn(|l| (k as f32 - 25.0) * (l as f32 + 1.0) / 10.0));
        }
        let trained = Trained { weights, trans: vec![0.5; (L + 1) * L] };
        for bits in [3, 4, 8] {
            let bytes = trained.to_bytes(40, bits, None).expect("writes");
            let parts = model_file::decode(&bytes, L, None).expect("reads");
            assert_eq!(parts.keys.len(), 40, "the 40 strongest features are kept");
            let mut levels = parts.weights.clone();
            levels.sort_unstable();
            levels.dedup();
            assert!(levels.len() <= 1 << bits, "{bits} bits, {} levels", levels.len());
            assert!(Model::from_bytes(&bytes).is_ok());
        }
    }
}
