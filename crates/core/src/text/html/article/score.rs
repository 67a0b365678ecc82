//! Which container holds the story, by the text it holds.
//!
//! Every paragraph (a leaf block, or the loose text of a block with blocks
//! inside) with at least [`MIN_PARAGRAPH_CHARS`] scores by its length and
//! commas, and gives that score to its ancestors, less the farther up. The
//! best-scoring container after discounting its links is the story; its
//! siblings join when they score near it or read as prose. This is the
//! idea Readability.js made standard; the numbers are named below.

use super::hints;
use super::tree::{Kind, Tree, HIDDEN, IN_HASH_LINK, IN_HEADING, IN_LINK, UNLIKELY};

/// A paragraph shorter than this (characters) is a label, a button or a
/// caption fragment, not prose: it scores nothing.
pub const MIN_PARAGRAPH_CHARS: u32 = 25;
/// What a paragraph scores before its commas and length: a point for
/// itself and one for its first clause, as Readability counts (each
/// comma-separated piece a point). With one point, a few comma-packed
/// lines (credits, tags, captions) outweighed many plain paragraphs of
/// prose: three saved pages (`telegraph`, `buzzfeed-1`, `wapo-1`) had
/// captions in or the lead out.
const PARAGRAPH_POINTS: f32 = 2.0;
/// Each this many characters of a paragraph add one point ...
const CHARS_PER_POINT: u32 = 100;
/// ... up to this many, so one long block cannot outweigh many paragraphs.
const MAX_LENGTH_POINTS: f32 = 3.0;
/// How many ancestors a paragraph's score reaches.
const ANCESTOR_LEVELS: usize = 5;
/// A link in the page's own fragments (`#section`) counts this much of its
/// text as link text: tables of contents are part of the story.
const HASH_LINK_SHARE: f32 = 0.3;
/// Siblings of the story scoring at least this share of it join it ...
const SIBLING_SHARE: f32 = 0.2;
/// ... or at least this many points.
const SIBLING_MIN_SCORE: f32 = 10.0;
/// A sibling paragraph this long with links under [`SIBLING_LINK_DENSITY`]
/// joins the story.
const SIBLING_PARAGRAPH_CHARS: u32 = 80;
/// See [`SIBLING_PARAGRAPH_CHARS`].
const SIBLING_LINK_DENSITY: f32 = 0.25;
/// Other candidates within this share of the best one point to a common
/// ancestor when [`ALTERNATIVES_TO_CLIMB`] of them sit inside it.
const ALTERNATIVE_SHARE: f32 = 0.75;
/// See [`ALTERNATIVE_SHARE`].
const ALTERNATIVES_TO_CLIMB: usize = 3;
/// The story's container climbs to a parent scoring above it; the climb
/// stops at a parent scoring below this share of the container's own
/// score. A share of the last parent's score instead let the climb reach,
/// by small steps, a page's player settings and "recommended" lists (six of
/// the saved pages, `yahoo-3` worst: precision 0.40).
const CLIMB_FLOOR: f32 = 1.0 / 3.0;

/// Per-node figures summed over a subtree (what the pass kept).
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    /// Text characters.
    pub chars: u32,
    /// Characters inside links (fragment links weighted).
    pub link_chars: f32,
    /// Commas.
    pub commas: u32,
    /// `<p>` elements.
    pub p: u32,
    /// Images.
    pub img: u32,
    /// List items.
    pub li: u32,
    /// Form inputs.
    pub input: u32,
    /// Embedded players and frames.
    pub embed: u32,
    /// Characters in headings.
    pub heading_chars: u32,
    /// Block elements below the node.
    pub blocks: u32,
    /// Full stops followed by a space or ending a text node.
    pub stops: u32,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.chars += o.chars;
        self.link_chars += o.link_chars;
        self.commas += o.commas;
        self.p += o.p;
        self.img += o.img;
        self.li += o.li;
        self.input += o.input;
        self.embed += o.embed;
        self.heading_chars += o.heading_chars;
        self.blocks += o.blocks;
        self.stops += o.stops;
    }

    fn sub(&mut self, o: &Stats) {
        self.chars -= o.chars.min(self.chars);
        self.link_chars = (self.link_chars - o.link_chars).max(0.0);
        self.commas -= o.commas.min(self.commas);
        self.p -= o.p.min(self.p);
        self.img -= o.img.min(self.img);
        self.li -= o.li.min(self.li);
        self.input -= o.input.min(self.input);
        self.embed -= o.embed.min(self.embed);
        self.heading_chars -= o.heading_chars.min(self.heading_chars);
        self.blocks -= o.blocks.min(self.blocks);
        self.stops -= o.stops.min(self.stops);
    }

    /// Share of the text inside links.
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars / self.chars as f32
        }
    }
}

/// Which rules a pass applies; a pass that finds too little text is
/// retried with fewer (a page whose story sits in a `comment`-classed div).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// Drop [`UNLIKELY`] containers before scoring.
    pub strip_unlikely: bool,
    /// Weigh class hints.
    pub weigh_classes: bool,
    /// Clean furniture out of the story (see `clean`).
    pub clean: bool,
}

/// One pass's view: which nodes are gone and the sums without them.
pub struct Pass<'t> {
    /// The tree.
    pub tree: &'t Tree,
    /// The rules.
    pub rules: Rules,
    /// Per node: left out of this pass (itself, not only an ancestor).
    pub gone: Vec<bool>,
    /// Per node: sums over its subtree, gone nodes excluded.
    pub stats: Vec<Stats>,
}

impl<'t> Pass<'t> {
    /// Sets up a pass over `tree`.
    pub fn new(tree: &'t Tree, rules: Rules) -> Pass<'t> {
        let n = tree.nodes.len();
        let gone: Vec<bool> = tree
            .nodes
            .iter()
            .map(|node| node.flags & HIDDEN != 0 || (rules.strip_unlikely && node.flags & UNLIKELY != 0))
            .collect();
        let mut stats = vec![Stats::default(); n];
        for (i, node) in tree.nodes.iter().enumerate() {
            stats[i] = own_stats(node);
        }
        for i in (1..n).rev() {
            let parent = tree.nodes[i].parent as usize;
            if !gone[i] && parent < n {
                let s = stats[i];
                stats[parent].add(&s);
            }
        }
        Pass { tree, rules, gone, stats }
    }

    /// Whether node `i` or an ancestor is gone.
    pub fn is_gone(&self, mut i: usize) -> bool {
        loop {
            if self.gone[i] {
                return true;
            }
            let p = self.tree.nodes[i].parent as usize;
            if p >= self.gone.len() {
                return false;
            }
            i = p;
        }
    }

    /// Removes subtree `i` from the pass, and its figures from its
    /// ancestors'.
    pub fn remove(&mut self, i: usize) {
        if self.gone[i] {
            return;
        }
        self.gone[i] = true;
        let s = self.stats[i];
        let mut p = self.tree.nodes[i].parent as usize;
        while p < self.stats.len() {
            self.stats[p].sub(&s);
            p = self.tree.nodes[p].parent as usize;
        }
    }
}

/// A node's own contribution to the sums.
fn own_stats(node: &super::tree::Node) -> Stats {
    let mut s = Stats::default();
    match &node.kind {
        Kind::Text { chars, commas, stops } => {
            s.chars = *chars;
            s.commas = *commas;
            s.stops = *stops;
            if node.flags & IN_HEADING != 0 {
                s.heading_chars = *chars;
            }
            if node.flags & IN_LINK != 0 {
                s.link_chars = *chars as f32;
            } else if node.flags & IN_HASH_LINK != 0 {
                s.link_chars = *chars as f32 * HASH_LINK_SHARE;
            }
        }
        Kind::Element(name) => {
            match name.as_str() {
                "p" => s.p = 1,
                "img" | "picture" => s.img = 1,
                "li" => s.li = 1,
                "input" | "select" | "textarea" | "button" => s.input = 1,
                "iframe" | "embed" | "object" | "video" => s.embed = 1,
                _ => {}
            }
            if node.is_block() {
                s.blocks = 1;
            }
        }
        Kind::Other => {}
    }
    s
}

/// The base score of a container by its tag: what kind of element usually
/// holds prose.
fn tag_base(name: &str) -> f32 {
    match name {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// The scores of every container, after link discount (`None`: never
/// given a paragraph's score).
pub fn score(pass: &Pass) -> Vec<Option<f32>> {
    let nodes = &pass.tree.nodes;
    let n = nodes.len();
    let mut inline = vec![Stats::default(); n];
    for (i, node) in nodes.iter().enumerate() {
        if matches!(node.kind, Kind::Text { .. }) && !pass.is_gone(i) {
            let s = own_stats(node);
            inline[node.block as usize].add(&s);
        }
    }
    let mut scores: Vec<Option<f32>> = vec![None; n];
    for (i, node) in nodes.iter().enumerate() {
        if !node.is_block() || pass.gone[i] || !matches!(node.name(), "p" | "pre" | "td" | "div" | "section" | "article" | "li" | "blockquote" | "h2" | "h3" | "h4" | "h5" | "h6") {
            continue;
        }
        let leaf = pass.stats[i].blocks <= 1;
        let text = if leaf { pass.stats[i] } else { inline[i] };
        if text.chars < MIN_PARAGRAPH_CHARS || pass.is_gone(i) {
            continue;
        }
        let base = PARAGRAPH_POINTS + text.commas as f32;
        let points = (base + (text.chars / CHARS_PER_POINT) as f32).min(base + MAX_LENGTH_POINTS);
        let first = if leaf { node.parent as usize } else { i };
        give(pass, &mut scores, first, points);
    }
    for (i, s) in scores.iter_mut().enumerate() {
        if let Some(v) = s {
            *v *= 1.0 - pass.stats[i].link_density();
        }
    }
    scores
}

/// Gives `points` to `first` and its ancestors, less each level up.
fn give(pass: &Pass, scores: &mut [Option<f32>], first: usize, points: f32) {
    let nodes = &pass.tree.nodes;
    let mut at = first;
    for level in 0..ANCESTOR_LEVELS {
        if at >= nodes.len() || !matches!(nodes[at].kind, Kind::Element(_)) {
            return;
        }
        let divider = match level {
            0 => 1.0,
            1 => 2.0,
            l => l as f32 * 3.0,
        };
        let base = || tag_base(nodes[at].name()) + if pass.rules.weigh_classes { hints::weight(&nodes[at].hints) } else { 0.0 };
        let s = scores[at].get_or_insert_with(base);
        *s += points / divider;
        at = nodes[at].parent as usize;
    }
}

/// The story's container: the best candidate, moved up to the ancestor
/// its rivals share or a parent that scores better.
pub fn top(pass: &Pass, scores: &[Option<f32>]) -> Option<usize> {
    let nodes = &pass.tree.nodes;
    let mut ranked: Vec<(usize, f32)> = scores.iter().enumerate().filter_map(|(i, s)| s.map(|s| (i, s))).collect();
    crate::order::sort_by(&mut ranked, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let &(mut best, best_score) = ranked.first()?;
    let rivals: Vec<usize> = ranked.iter().skip(1).take(4).filter(|(_, s)| *s >= best_score * ALTERNATIVE_SHARE).map(|(i, _)| *i).collect();
    if rivals.len() >= ALTERNATIVES_TO_CLIMB {
        let mut p = nodes[best].parent as usize;
        while p < nodes.len() && nodes[p].name() != "body" {
            let inside = rivals.iter().filter(|&&r| r > p && r < nodes[p].end as usize).count();
            if inside >= ALTERNATIVES_TO_CLIMB {
                best = p;
                break;
            }
            p = nodes[p].parent as usize;
        }
    }
    let mut last = scores[best].unwrap_or(0.0);
    let floor = last * CLIMB_FLOOR;
    let mut p = nodes[best].parent as usize;
    while p < nodes.len() && nodes[p].name() != "body" {
        let Some(ps) = scores[p] else {
            p = nodes[p].parent as usize;
            continue;
        };
        if ps < floor {
            break;
        }
        if ps > last {
            best = p;
            break;
        }
        last = ps;
        p = nodes[p].parent as usize;
    }
    // An only child stands for its parent.
    loop {
        let p = nodes[best].parent as usize;
        if p >= nodes.len() || nodes[p].name() == "body" || element_children(pass, p).len() != 1 {
            break;
        }
        best = p;
    }
    Some(best)
}

/// The element children of `i` this pass keeps.
pub fn element_children(pass: &Pass, i: usize) -> Vec<usize> {
    let nodes = &pass.tree.nodes;
    let mut out = Vec::new();
    let mut c = i + 1;
    while c < nodes[i].end as usize {
        if matches!(nodes[c].kind, Kind::Element(_)) && !pass.gone[c] {
            out.push(c);
        }
        c = nodes[c].end as usize;
    }
    out
}

/// The story's top-level parts: `top` and the siblings that join it: those
/// scoring near it (a sibling of the story's class with a bonus), a
/// paragraph that reads as prose, and a part of the story's class that
/// reads as prose though no paragraph's score reached it (a story in parts
/// between figures, its paragraphs under more wrappers than the five
/// levels a paragraph's score climbs).
pub fn with_siblings(pass: &Pass, scores: &[Option<f32>], top: usize) -> Vec<usize> {
    let nodes = &pass.tree.nodes;
    let parent = nodes[top].parent as usize;
    if parent >= nodes.len() || nodes[top].name() == "body" {
        return vec![top];
    }
    let top_score = scores[top].unwrap_or(0.0);
    let threshold = SIBLING_MIN_SCORE.max(top_score * SIBLING_SHARE);
    let top_class = nodes[top].class.trim();
    element_children(pass, parent)
        .into_iter()
        .filter(|&s| {
            if s == top {
                return true;
            }
            let same_class = !top_class.is_empty() && nodes[s].class.trim() == top_class;
            let bonus = if same_class { top_score * SIBLING_SHARE } else { 0.0 };
            match scores[s] {
                Some(v) if v + bonus >= threshold => return true,
                None if same_class && reads_as_prose(pass, s) => return true,
                _ => {}
            }
            reads_as_paragraph(pass, s) && reads_as_prose(pass, s)
        })
        .collect()
}

/// A `<p>`, or a `<div>` with no block inside, which Readability turns
/// into one before scoring (a lead written as `<div
/// class="article__perex">` beside the story's body).
fn reads_as_paragraph(pass: &Pass, s: usize) -> bool {
    match pass.tree.nodes[s].name() {
        "p" => true,
        "div" => pass.stats[s].blocks <= 1,
        _ => false,
    }
}

/// A sibling paragraph that reads as part of the story: long with few
/// links, or short, link-free and ending a sentence.
fn reads_as_prose(pass: &Pass, s: usize) -> bool {
    let st = pass.stats[s];
    let ld = st.link_density();
    if st.chars > SIBLING_PARAGRAPH_CHARS {
        return ld < SIBLING_LINK_DENSITY;
    }
    st.chars > 0 && ld == 0.0 && ends_sentence(pass, s)
}

/// Whether the text of `s` has a full stop ending a sentence.
fn ends_sentence(pass: &Pass, s: usize) -> bool {
    pass.stats[s].stops > 0
}
