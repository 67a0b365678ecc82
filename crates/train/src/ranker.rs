//! Training the speaker ranker (`marginalia_core::analysis::quotes`'s
//! `SpeakerModel`): an averaged ranking perceptron over the examples the
//! engine extracts with their gold answers (`speaker_examples`), and how a
//! model does on such examples. The shuffle is shared with the name
//! tagger's training ([`crate::train`]).

use std::borrow::Borrow;
use std::collections::HashMap;

use marginalia_core::analysis::quotes::{SpeakerExample as Example, SpeakerModel};

/// Trains `orders` averaged ranking perceptrons over `examples`, the
/// k-th shuffled by `seed + k`, and averages their weights: one order's
/// result moves with its seed by about ±0.2 points of speaker accuracy
/// on the folds, more than most features are worth, and the average
/// does not.
pub fn train<E: Borrow<Example>>(examples: &[E], epochs: usize, seed: u64, orders: usize) -> SpeakerModel {
    let orders = orders.max(1);
    let mut sum: HashMap<String, f32> = HashMap::new();
    for k in 0..orders {
        // Each feature's weights are added in the orders' sequence, so
        // the sum is the same on every run.
        for (name, w) in train_once(examples, epochs, seed.wrapping_add(k as u64)) {
            *sum.entry(name).or_default() += w;
        }
    }
    SpeakerModel::from_weights(sum.into_iter().map(|(n, w)| (n, w / orders as f32)))
}

/// One averaged ranking perceptron: `epochs` passes in an order shuffled
/// by `seed`; on a mistake, the best-scoring right candidate gains its
/// features and the predicted one loses its own. Its weights by feature.
fn train_once<E: Borrow<Example>>(examples: &[E], epochs: usize, seed: u64) -> Vec<(String, f32)> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let encoded: Vec<Vec<Vec<usize>>> = examples
        .iter()
        .map(|ex| ex.borrow().feats.iter().map(|fs| fs.iter().map(|f| { let n = ids.len(); *ids.entry(f.as_str()).or_insert(n) }).collect()).collect())
        .collect();
    let mut w = vec![0f32; ids.len()];
    // Sum of updates weighted by when they happened, for averaging.
    let mut u = vec![0f32; ids.len()];
    let mut step = 1f32;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = seed.max(1);
    let score = |w: &[f32], fs: &[usize]| fs.iter().map(|&i| w[i]).sum::<f32>();
    for _ in 0..epochs {
        shuffle(&mut order, &mut rng);
        for &k in &order {
            let (cands, right) = (&encoded[k], &examples[k].borrow().right);
            let by_score = |a: &usize, b: &usize| score(&w, &cands[*a]).total_cmp(&score(&w, &cands[*b])).then(b.cmp(a));
            let Some(pred) = (0..cands.len()).max_by(by_score) else { continue };
            if !right[pred] {
                let Some(gold) = (0..cands.len()).filter(|&c| right[c]).max_by(by_score) else { continue };
                for (fs, sign) in [(&cands[gold], 1f32), (&cands[pred], -1f32)] {
                    for &i in fs {
                        w[i] += sign;
                        u[i] += sign * step;
                    }
                }
            }
            step += 1.0;
        }
    }
    ids.into_iter().map(|(name, i)| (name.to_string(), w[i] - u[i] / step)).collect()
}

/// How a model does on a set of examples.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accuracy {
    /// Quotations with a speaker: `(right, total)`.
    pub speaker: (usize, usize),
    /// Of those, right by the rules' own pick alone.
    pub rules_alone: usize,
    /// Quotations with no speaker: `(right, total)` ("nobody" chosen).
    pub nobody: (usize, usize),
}

/// How `model` does on `examples`, and how the rules alone did.
pub fn accuracy<E: Borrow<Example>>(model: &SpeakerModel, examples: &[E]) -> Accuracy {
    let mut acc = Accuracy::default();
    for ex in examples.iter().map(Borrow::borrow) {
        let scores: Vec<f32> = ex.feats.iter().map(|f| model.score(f)).collect();
        let best = (0..scores.len()).max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
        let right = usize::from(best.is_some_and(|b| ex.right[b]));
        if ex.has_speaker {
            let rule = ex.feats.iter().position(|f| f.iter().any(|x| x == "rule"));
            acc.rules_alone += usize::from(rule.is_some_and(|r| ex.right[r]));
            acc.speaker = (acc.speaker.0 + right, acc.speaker.1 + 1);
        } else {
            acc.nobody = (acc.nobody.0 + right, acc.nobody.1 + 1);
        }
    }
    acc
}

/// Shuffles `order` in place (Fisher–Yates with a xorshift generator
/// whose state is `rng`, never 0): the same seed gives the same order on
/// every machine.
pub fn shuffle(order: &mut [usize], rng: &mut u64) {
    for i in (1..order.len()).rev() {
        order.swap(i, (xorshift(rng) % (i as u64 + 1)) as usize);
    }
}

/// The next state of the xorshift generator `rng` (never 0 if it was
/// not), which training's random choices share.
pub fn xorshift(rng: &mut u64) -> u64 {
    *rng ^= *rng << 13;
    *rng ^= *rng >> 7;
    *rng ^= *rng << 17;
    *rng
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn training_learns_the_telling_feature() {
        // The right candidate always has "cue"; the wrong one is always
        // first (so a tie would choose it).
        let examples: Vec<Example> = (0..20)
            .map(|k| Example {
                feats: vec![vec!["near".to_string(), format!("noise{}", k % 3)], vec!["cue".to_string()]],
                right: vec![false, true],
                has_speaker: true,
            })
            .collect();
        let model = train(&examples, 5, 42, 2);
        assert_eq!(accuracy(&model, &examples).speaker, (20, 20));
    }
}
