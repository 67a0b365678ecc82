//! The page's own statement of its story, as a check: many news pages
//! carry the article's text in their JSON-LD (`articleBody`, for search
//! engines). When it is there, the story the scoring found should read
//! like it; when it does not (a comment thread or a list outscored the
//! story), the container that reads most like it wins instead. Trafilatura
//! compares its result with a baseline the same way; ours is the page's.

use std::collections::HashSet;

use super::meta::words;
use super::score::Pass;
use super::tree::{Kind, Tree};

/// An `articleBody` shorter than this (words) is a teaser, not a body to
/// check against.
pub const MIN_BODY_WORDS: usize = 80;
/// The story agrees with the body when this share of its words and of the
/// body's are shared (an F1 of the two): edits between the JSON and the
/// page (captions, a bio line) stay well above it.
pub const BODY_AGREES: f32 = 0.8;
/// A container replaces the scored story only when it agrees with the body
/// at least this much better (an F1 margin): the scoring's choice stands on
/// a near tie.
pub const BODY_MARGIN: f32 = 0.1;

/// The body's words and per-node counts of words (all, and in the body).
pub struct Body {
    size: usize,
    /// Per node: (words, words found in the body) over its subtree.
    counts: Vec<(u32, u32)>,
}

impl Body {
    /// Counts for `tree` against `body`, or `None` for a teaser.
    pub fn new(tree: &Tree, body: &str) -> Option<Body> {
        let vocab: HashSet<String> = words(body).collect();
        let size = words(body).count();
        if size < MIN_BODY_WORDS {
            return None;
        }
        let mut counts = vec![(0u32, 0u32); tree.nodes.len()];
        for (i, node) in tree.nodes.iter().enumerate() {
            if matches!(node.kind, Kind::Text { .. }) {
                let (mut n, mut hit) = (0, 0);
                for w in words(&tree.texts[i]) {
                    n += 1;
                    hit += u32::from(vocab.contains(&w));
                }
                counts[i] = (n, hit);
            }
        }
        Some(Body { size, counts })
    }

    /// The F1 of the words `parts` keep (gone nodes excluded) against the body.
    pub fn agreement(&self, pass: &Pass, parts: &[usize]) -> f32 {
        let (mut n, mut hit) = (0u32, 0u32);
        for &p in parts {
            for i in p..pass.tree.nodes[p].end as usize {
                if !pass.is_gone(i) {
                    n += self.counts[i].0;
                    hit += self.counts[i].1;
                }
            }
        }
        f1(hit, n, self.size)
    }

    /// The element whose subtree reads most like the body, with its F1.
    pub fn best_container(&self, pass: &Pass) -> Option<(usize, f32)> {
        let nodes = &pass.tree.nodes;
        let mut sums = self.counts.clone();
        for i in (1..nodes.len()).rev() {
            let p = nodes[i].parent as usize;
            if p < nodes.len() && !pass.gone[i] {
                sums[p].0 += sums[i].0;
                sums[p].1 += sums[i].1;
            }
        }
        (0..nodes.len())
            .filter(|&i| matches!(nodes[i].kind, Kind::Element(_)) && !pass.is_gone(i) && !matches!(nodes[i].name(), "html" | "body"))
            .map(|i| (i, f1(sums[i].1, sums[i].0, self.size)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    }
}

/// F1 of `hit` shared words out of `n` kept and `size` in the body.
fn f1(hit: u32, n: u32, size: usize) -> f32 {
    if n == 0 || size == 0 {
        return 0.0;
    }
    let p = hit as f32 / n as f32;
    let r = (hit as f32 / size as f32).min(1.0);
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}
