//! Furniture inside the story's container: share bars, link lists, ad
//! slots, forms and asides that sit between its paragraphs. Each kept
//! container is tested innermost first, so an outer block is judged on
//! what is left of it.

use super::hints;
use super::score::Pass;
use super::tree::{Kind, IN_FIGURE};

/// Elements that are never the story's text, wherever they are.
const ALWAYS_OUT: &[&str] = &["aside", "footer", "object", "embed", "link", "nav", "dialog"];
/// Containers judged by their figures ([`furniture`]).
const JUDGED: &[&str] = &["div", "section", "table", "ul", "ol", "form", "fieldset", "header", "figure", "dl"];
/// A share block holding more text than this is not just buttons.
const SHARE_MAX_CHARS: u32 = 500;
/// A block with this many commas is prose, whatever else it holds.
const PROSE_COMMAS: u32 = 10;
/// List items beyond the paragraphs, past this many, make a non-list block
/// a link farm (Readability's margin: only very long lists).
const EXTRA_LIST_ITEMS: u32 = 100;
/// A block shorter than this with no or many images is a stub.
const STUB_CHARS: u32 = 25;
/// Heading text share above which a short block is a heading, kept.
const HEADING_BLOCK: f32 = 0.9;
/// Link share over which a block with no positive hint is a link list ...
const LINK_LIST: f32 = 0.2;
/// ... and over which even a positively hinted one is.
const LINK_LIST_POSITIVE: f32 = 0.5;
/// A block with one embed and less text than this is a player, not prose.
const EMBED_CAPTION_CHARS: u32 = 75;
/// A table with this many rows holds data.
const DATA_TABLE_ROWS: usize = 10;

/// Removes furniture from inside the kept parts `keep` of `pass`.
pub fn clean(pass: &mut Pass, keep: &[usize]) {
    let data = data_tables(pass);
    for &k in keep {
        let end = pass.tree.nodes[k].end as usize;
        for i in (k + 1..end).rev() {
            if pass.gone[i] || !matches!(pass.tree.nodes[i].kind, Kind::Element(_)) {
                continue;
            }
            if out(pass, i, data[i]) {
                pass.remove(i);
            }
        }
    }
}

/// Whether element `i` is to go.
fn out(pass: &Pass, i: usize, in_data_table: bool) -> bool {
    let node = &pass.tree.nodes[i];
    let name = node.name();
    if ALWAYS_OUT.contains(&name) {
        return true;
    }
    let weight = if pass.rules.weigh_classes { hints::weight(&node.hints) } else { 0.0 };
    if matches!(name, "h1" | "h2") && weight < 0.0 {
        return true;
    }
    if hints::share(&node.hints) && pass.stats[i].chars < SHARE_MAX_CHARS && !matches!(name, "body" | "article" | "main") {
        return true;
    }
    if !pass.rules.clean || !JUDGED.contains(&name) || in_data_table {
        return false;
    }
    furniture(pass, i, weight)
}

/// Readability's conditional cleaning, in figures.
fn furniture(pass: &Pass, i: usize, weight: f32) -> bool {
    let node = &pass.tree.nodes[i];
    if weight < 0.0 {
        return true;
    }
    let s = pass.stats[i];
    if s.commas >= PROSE_COMMAS {
        return false;
    }
    let is_list = matches!(node.name(), "ul" | "ol" | "dl");
    let in_figure = node.flags & IN_FIGURE != 0;
    let heading_density = if s.chars == 0 { 0.0 } else { s.heading_chars as f32 / s.chars as f32 };
    let ld = s.link_density();
    (s.img > 1 && (s.p as f32 / s.img as f32) < 0.5 && !in_figure)
        || (!is_list && s.li > s.p + EXTRA_LIST_ITEMS)
        || s.input > s.p / 3
        || (!is_list && heading_density < HEADING_BLOCK && s.chars < STUB_CHARS && (s.img == 0 || s.img > 2) && !in_figure)
        || (!is_list && weight < hints::CLASS_WEIGHT && ld > LINK_LIST)
        || (weight >= hints::CLASS_WEIGHT && ld > LINK_LIST_POSITIVE)
        || (s.embed == 1 && s.chars < EMBED_CAPTION_CHARS)
        || s.embed > 1
}

/// Per node: whether it is, or is inside, a table of data (headers, a
/// caption or many rows). Such tables are content, never cleaned.
fn data_tables(pass: &Pass) -> Vec<bool> {
    let nodes = &pass.tree.nodes;
    let mut data = vec![false; nodes.len()];
    for t in 0..nodes.len() {
        if nodes[t].name() == "table" && !data[t] && is_data_table(pass, t) {
            data[t..nodes[t].end as usize].iter_mut().for_each(|d| *d = true);
        }
    }
    data
}

fn is_data_table(pass: &Pass, t: usize) -> bool {
    let nodes = &pass.tree.nodes[t + 1..pass.tree.nodes[t].end as usize];
    if nodes.iter().any(|n| matches!(n.name(), "table")) {
        return false;
    }
    nodes.iter().any(|n| matches!(n.name(), "th" | "caption" | "thead" | "tfoot" | "colgroup" | "col"))
        || nodes.iter().filter(|n| n.name() == "tr").count() >= DATA_TABLE_ROWS
}
