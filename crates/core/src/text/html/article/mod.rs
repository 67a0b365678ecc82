//! Finding the article in a whole page (issue 19): the story's paragraphs
//! without the menus, share bars, "most read" lists, newsletter boxes,
//! comments and footers around them, and the article's metadata.
//!
//! Extraction is a stage before the reduction, over the same parsed tree
//! ([`super::HtmlNode`]: the browser's `DOMParser` in the app, html5ever
//! natively, the live host page in the widget). It does not build text of
//! its own: it returns a [`Plan`] of the subtrees to leave out, and the one
//! reduction ([`super::reduce_planned`], [`super::mapped::reduce_mapped_planned`])
//! reads the rest, so the article's characters still map to the host's
//! text nodes and the app, the widget and the command line agree.
//!
//! Layers, each with its own tests:
//! - [`tree`]: a flat copy of the tree in the walk's order, with flags
//!   (hidden, unlikely, in a link…) and the metadata tags met on the way;
//! - [`hints`]: the class, id and role vocabulary;
//! - [`score`]: paragraphs score their containers; the best one and the
//!   siblings that read like it are the story;
//! - [`clean`]: furniture inside the story goes;
//! - [`meta`]: headline, byline, date, site, address, language.
//!
//! A pass that keeps less than [`MIN_ARTICLE_CHARS`] is retried with fewer
//! rules (a story in a `comment`-classed div), and a page where no pass
//! finds that much prose opens whole ([`Extraction::found`]).

pub mod body;
pub mod clean;
pub mod hints;
pub mod meta;
pub mod metric;
pub mod score;
pub mod tree;

#[cfg(test)]
mod tests;

use super::HtmlNode;
pub use meta::Meta;
use score::{Pass, Rules};
use tree::{Kind, Tree};

/// A story shorter than this (characters) means the pass dropped too much:
/// the next, more lenient pass is tried.
pub const MIN_ARTICLE_CHARS: u32 = 500;
/// A page whose best pass keeps less than this (characters) is not an
/// article (a list, a search page): it opens whole.
pub const MIN_FOUND_CHARS: u32 = 140;
/// Which parts of a tree the reduction reads: everything but the subtrees
/// left out, numbered in the walk's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Subtrees left out, as node-number ranges, sorted and disjoint.
    muted: Vec<(u32, u32)>,
    /// The title line, when extraction found one.
    title: Option<String>,
}

impl Plan {
    /// The whole page.
    pub fn whole() -> Plan {
        Plan::default()
    }

    /// Whether nothing is left out.
    pub fn is_whole(&self) -> bool {
        self.muted.is_empty()
    }

    /// The title the reduction puts first, if the plan has one.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// Whether the ranges are what the walk can follow: each non-empty,
    /// sorted, none overlapping the next (the fuzz target checks it).
    pub fn is_ordered(&self) -> bool {
        self.muted.iter().all(|(a, b)| a < b) && self.muted.windows(2).all(|w| w[0].1 <= w[1].0)
    }

    /// A reader of the plan in walk order.
    pub(super) fn cursor(&self) -> Cursor<'_> {
        Cursor { muted: &self.muted, next: 0, k: 0 }
    }
}

/// Follows the walk's node numbers through a [`Plan`].
pub(super) struct Cursor<'p> {
    muted: &'p [(u32, u32)],
    next: u32,
    k: usize,
}

impl Cursor<'_> {
    /// Called as the walk enters its next node: true when that node's
    /// subtree is left out (its numbers are then skipped).
    pub(super) fn skip_next(&mut self) -> bool {
        let at = self.next;
        while self.muted.get(self.k).is_some_and(|m| m.1 <= at) {
            self.k += 1;
        }
        match self.muted.get(self.k) {
            Some(&(start, end)) if start == at => {
                self.next = end;
                true
            }
            _ => {
                self.next += 1;
                false
            }
        }
    }
}

/// What extraction found in a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Extraction {
    /// What to read: the article, or the whole page when none was found.
    pub plan: Plan,
    /// The article's metadata.
    pub meta: Meta,
    /// Whether an article was found (else the plan is the whole page).
    pub found: bool,
    /// Blocks of text on the page left out of the article.
    pub left_out: usize,
}

/// Finds the article in the tree at `root`.
pub fn extract<N: HtmlNode + Clone>(root: &N) -> Extraction {
    let tree = tree::build(root);
    let usable = |(_, t): &&(u32, String)| t.chars().count() <= meta::MAX_BYLINE_CHARS && !meta::reads_as_date(t);
    let byline_node = tree.raw.bylines.iter().find(usable).or_else(|| tree.raw.marked_bylines_in_unlikely.iter().find(usable));
    let meta = meta::read(&tree.raw, byline_node.map(|(_, t)| t.as_str()));
    let body = meta::article_body(&tree.raw).and_then(|b| body::Body::new(&tree, &b));
    let mut best: Option<(u32, Vec<usize>, Vec<bool>)> = None;
    for rules in PASSES {
        let Some((chars, keep, gone)) = run_pass(&tree, rules, &meta, byline_node.map(|b| b.0 as usize), body.as_ref()) else { continue };
        let better = best.as_ref().is_none_or(|b| chars > b.0);
        if better {
            best = Some((chars, keep, gone));
        }
        if chars >= MIN_ARTICLE_CHARS {
            break;
        }
    }
    match best {
        Some((chars, keep, gone)) if chars >= MIN_FOUND_CHARS => {
            let muted = muted_ranges(&tree, &keep, &gone);
            let left_out = left_out_blocks(&tree, &muted);
            let plan = Plan { muted, title: meta.title.clone() };
            Extraction { plan, meta, found: true, left_out }
        }
        _ => Extraction { plan: Plan::whole(), meta, found: false, left_out: 0 },
    }
}

/// The passes, strictest first.
const PASSES: [Rules; 4] = [
    Rules { strip_unlikely: true, weigh_classes: true, clean: true },
    Rules { strip_unlikely: false, weigh_classes: true, clean: true },
    Rules { strip_unlikely: false, weigh_classes: false, clean: true },
    Rules { strip_unlikely: false, weigh_classes: false, clean: false },
];

/// One pass: the kept parts, their characters and what is gone. With the
/// page's own `articleBody`, a story that does not read like it gives way
/// to the container that does ([`body`]).
fn run_pass(tree: &Tree, rules: Rules, meta: &Meta, byline: Option<usize>, body: Option<&body::Body>) -> Option<(u32, Vec<usize>, Vec<bool>)> {
    let mut pass = Pass::new(tree, rules);
    if let Some(b) = byline {
        pass.remove(b);
    }
    if let Some(title) = &meta.title {
        for &(i, _, ref text) in &tree.raw.headings {
            if meta::similarity(title, text) > meta::SAME_TITLE {
                pass.remove(i as usize);
            }
        }
    }
    let scores = score::score(&pass);
    let top = score::top(&pass, &scores)?;
    let mut keep = score::with_siblings(&pass, &scores, top);
    clean::clean(&mut pass, &keep);
    if let Some(body) = body {
        let ours = body.agreement(&pass, &keep);
        if ours < body::BODY_AGREES {
            if let Some((c, _)) = body.best_container(&pass).filter(|&(_, f)| f >= ours + body::BODY_MARGIN) {
                keep = vec![c];
                clean::clean(&mut pass, &keep);
            }
        }
    }
    let chars = keep.iter().map(|&k| pass.stats[k].chars).sum();
    Some((chars, keep, pass.gone))
}

/// Everything outside the kept subtrees, and what is gone inside them, as
/// whole subtrees in walk order.
fn muted_ranges(tree: &Tree, keep: &[usize], gone: &[bool]) -> Vec<(u32, u32)> {
    let mut keep = keep.to_vec();
    crate::order::sort_by(&mut keep, |a, b| a.cmp(b));
    let mut muted = Vec::new();
    let mut i = 0usize;
    let n = tree.nodes.len();
    while i < n {
        let end = tree.nodes[i].end as usize;
        let k = keep.partition_point(|&k| k < i);
        if keep.get(k) == Some(&i) {
            mute_gone_inside(tree, gone, i, &mut muted);
            i = end;
        } else if keep.get(k).is_some_and(|&k| k < end) {
            i += 1;
        } else {
            muted.push((i as u32, end as u32));
            i = end;
        }
    }
    muted
}

/// The gone subtrees inside kept part `k`.
fn mute_gone_inside(tree: &Tree, gone: &[bool], k: usize, muted: &mut Vec<(u32, u32)>) {
    let end = tree.nodes[k].end as usize;
    let mut j = k + 1;
    while j < end {
        if gone[j] {
            muted.push((j as u32, tree.nodes[j].end));
            j = tree.nodes[j].end as usize;
        } else {
            j += 1;
        }
    }
}

/// Text-bearing leaf blocks inside the left-out ranges (what the reader is
/// told was left out).
fn left_out_blocks(tree: &Tree, muted: &[(u32, u32)]) -> usize {
    let mut count = 0;
    for &(start, end) in muted {
        let mut has_text = false;
        for node in &tree.nodes[start as usize..end as usize] {
            match &node.kind {
                Kind::Text { chars, .. } if *chars > 1 && node.flags & tree::IN_HIDDEN == 0 => has_text = true,
                Kind::Element(_) if node.is_block() && has_text => {
                    count += 1;
                    has_text = false;
                }
                _ => {}
            }
        }
        count += usize::from(has_text);
    }
    count
}
