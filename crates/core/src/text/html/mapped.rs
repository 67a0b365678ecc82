//! The reduction with a map back to the tree it read.
//!
//! The embedded widget (issue 12) reads a host page's article in place: it
//! must produce the *same canonical text* the app makes from that HTML (so
//! annotations travel between the two) and must paint highlights on the
//! host's own text nodes without changing one of them. [`reduce_mapped`]
//! runs the one reduction of [`super::reduce`] and keeps, for every
//! character of the canonical text, the text node and UTF-16 offset it came
//! from ([`Origin`]; UTF-16 because that is the unit of DOM `Range`
//! offsets). Characters the reduction made up — paragraph breaks, a title
//! line prepended, media placeholders — have no origin.

use unicode_normalization::char::canonical_combining_class;

use super::article::Plan;
use super::{reduce_walk, HtmlNode, Reduced};
use crate::text::normalize;
use crate::text::offsets::CharRange;

/// Where a character of the reduced text stands in the tree.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// The text node, by its ordinal among the text nodes the reduction read
    /// (the index into [`Mapped::nodes`]).
    pub node: u32,
    /// Offset in that node's data, in **UTF-16 code units**.
    pub utf16: u32,
}

/// Which side of a boundary point a character is looked for on.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Side {
    /// The first character at or after the point (a selection's start).
    After,
    /// Just past the last character before the point (a selection's end).
    Before,
}

/// A reduced tree with the origin of each character.
pub struct Mapped<N> {
    /// The readable content, its text already canonical
    /// ([`crate::text::normalize()`]).
    pub reduced: Reduced,
    /// The text nodes read, in the order [`Origin::node`] numbers them.
    pub nodes: Vec<N>,
    /// Per character of `reduced.text`: its origin.
    origins: Vec<Option<Origin>>,
    /// The characters that have an origin, in tree order: `(origin, char
    /// index)`. The walk reads nodes in order and each node front to back,
    /// so this is sorted by origin and can be searched.
    points: Vec<(Origin, usize)>,
    /// The text's characters, for their UTF-16 widths.
    chars: Vec<char>,
}

/// Reduces `root` as [`super::reduce`] does, keeping where each character
/// came from.
pub fn reduce_mapped<N: HtmlNode + Clone>(root: N) -> Mapped<N> {
    reduce_mapped_planned(root, &Plan::whole())
}

/// [`reduce_mapped`] over only what `plan` keeps (the article
/// [`super::article::extract`] found in the same tree).
pub fn reduce_mapped_planned<N: HtmlNode + Clone>(root: N, plan: &Plan) -> Mapped<N> {
    let mut nodes = Vec::new();
    let (mut reduced, origins) = reduce_walk(root, plan, &mut |n: &N| nodes.push(n.clone()), true);
    let (text, origins) = canonical(&reduced.text, origins);
    reduced.text = text;
    let points = origins.iter().enumerate().filter_map(|(i, o)| o.map(|o| (o, i))).collect();
    let chars = reduced.text.chars().collect();
    Mapped { reduced, nodes, origins, points, chars }
}

/// The canonical text of `text` and the origins realigned to it. Text in a
/// page is nearly always NFC already; otherwise each run of a starter and
/// its combining marks is normalised on its own, and when that does not
/// give the whole text's normal form (a rare composition of two starters)
/// the text stays canonical and loses its map rather than mislead it.
fn canonical(text: &str, origins: Vec<Option<Origin>>) -> (String, Vec<Option<Origin>>) {
    let whole = normalize(text);
    if whole == text {
        return (whole, origins);
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut out, mut mapped) = (String::new(), Vec::new());
    let mut start = 0;
    while start < chars.len() {
        let mut end = start + 1;
        while end < chars.len() && canonical_combining_class(chars[end]) != 0 {
            end += 1;
        }
        let run: String = chars[start..end].iter().collect();
        let norm = normalize(&run);
        mapped.extend(std::iter::repeat_n(origins.get(start).copied().flatten(), norm.chars().count()));
        out.push_str(&norm);
        start = end;
    }
    if out == whole {
        (whole, mapped)
    } else {
        let n = whole.chars().count();
        (whole, vec![None; n])
    }
}

impl<N> Mapped<N> {
    /// The canonical text.
    pub fn text(&self) -> &str {
        &self.reduced.text
    }

    /// The origin of character `i`, if it stands in the tree.
    pub fn origin(&self, i: usize) -> Option<Origin> {
        self.origins.get(i).copied().flatten()
    }

    /// The tree points bounding the characters of `range` that stand in the
    /// tree: the start of the first and the end of the last (exclusive, as
    /// a DOM `Range` ends). `None` when none of them does.
    pub fn tree_span(&self, range: CharRange) -> Option<(Origin, Origin)> {
        let end = range.end.min(self.origins.len());
        let first = (range.start..end).find_map(|i| self.origin(i))?;
        let (last_i, last) = (range.start..end).rev().find_map(|i| self.origin(i).map(|o| (i, o)))?;
        let width = self.chars.get(last_i).map_or(1, |c| c.len_utf16()) as u32;
        Some((first, Origin { node: last.node, utf16: last.utf16 + width }))
    }

    /// The character index for a tree point, looking on `side` of it: a
    /// selection's start maps to the first character at or after it, its end
    /// to just past the last character before it. `None` when there is no
    /// character on that side.
    pub fn char_at(&self, point: Origin, side: Side) -> Option<usize> {
        let k = self.points.partition_point(|(o, _)| *o < point);
        match side {
            Side::After => self.points.get(k).map(|(_, i)| *i),
            Side::Before => k.checked_sub(1).and_then(|j| self.points.get(j)).map(|(_, i)| i + 1),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use html5ever::tendril::TendrilSink;
    use html5ever::{parse_document, ParseOpts};
    use markup5ever_rcdom::{Handle, NodeData, RcDom};

    use super::*;
    use crate::text::html::html5::html_to_text;

    /// Parses `html` and reduces it with its map. The tree must outlive
    /// the walk (dropping an `RcDom` empties its nodes), so both are here.
    fn parse(html: &str) -> Mapped<Handle> {
        let mut opts = ParseOpts::default();
        opts.tree_builder.scripting_enabled = false;
        let dom = parse_document(RcDom::default(), opts).one(html);
        reduce_mapped(dom.document.clone())
    }

    fn data(n: &Handle) -> String {
        match &n.data {
            NodeData::Text { contents } => contents.borrow().to_string(),
            _ => String::new(),
        }
    }

    /// The character at an origin, read back from the tree.
    fn char_in_tree(m: &Mapped<Handle>, o: Origin) -> char {
        let units: Vec<u16> = data(&m.nodes[o.node as usize]).encode_utf16().collect();
        let tail = String::from_utf16_lossy(&units[o.utf16 as usize..]);
        tail.chars().next().unwrap_or('\u{0}')
    }

    #[test]
    fn same_text_as_the_plain_reduction_on_every_case() {
        for (name, input, _) in super::super::cases::CASES {
            let m = parse(input);
            assert_eq!(m.reduced, html_to_text(input), "case {name}");
        }
    }

    #[test]
    fn every_mapped_character_is_the_one_in_the_tree() {
        let cases = [
            ("paragraphs", "<h1>Title</h1><p>One  <b>bold</b>\n word</p><p>Two</p>"),
            ("astral", "<p>a 😀 <i>b</i> 😀c</p>"),
            ("pre", "<pre>x\n  y</pre><p>z</p>"),
            ("media", "<p>a</p><img src=x><p>b</p>"),
            ("nbsp and entities", "<p>a&nbsp;b &amp; c</p>"),
        ];
        for (name, html) in cases {
            let m = parse(html);
            for (i, c) in m.text().chars().enumerate() {
                match m.origin(i) {
                    // A collapsed run of whitespace maps to its first space.
                    Some(o) if c == ' ' => assert!(char_in_tree(&m, o).is_whitespace(), "{name} @{i}"),
                    Some(o) => assert_eq!(char_in_tree(&m, o), c, "{name} @{i}"),
                    None => assert!(c == '\n' || c == '{' || c == '}' || c.is_alphanumeric() || c == '_', "{name} @{i} {c:?}"),
                }
            }
        }
    }

    #[test]
    fn nfd_text_is_composed_and_still_mapped() {
        let m = parse("<p>Cafe\u{301} x</p>");
        assert_eq!(m.text(), "Caf\u{e9} x");
        assert_eq!(m.origin(3), Some(Origin { node: 0, utf16: 3 }));
        assert_eq!(m.origin(5), Some(Origin { node: 0, utf16: 6 }));
    }

    #[test]
    fn prepended_title_has_no_origin() {
        let m = parse("<title>T</title><p>Body</p>");
        assert_eq!(m.text(), "T\nBody");
        assert_eq!((m.origin(0), m.origin(1)), (None, None));
        assert_eq!(m.origin(2).map(|o| o.utf16), Some(0));
    }

    #[test]
    fn spans_and_points_round_trip() {
        let m = parse("<p>Hello <b>big</b> world</p><p>Next</p>");
        let word = CharRange::new(6, 9);
        let (a, b) = m.tree_span(word).expect("mapped");
        assert_eq!((a, b), (Origin { node: 1, utf16: 0 }, Origin { node: 1, utf16: 3 }));
        assert_eq!(m.char_at(a, Side::After), Some(6));
        assert_eq!(m.char_at(b, Side::Before), Some(9));
        // Across paragraphs: the LF between them has no origin.
        let (a, b) = m.tree_span(CharRange::new(10, 20)).expect("mapped");
        assert_eq!((a.node, b), (2, Origin { node: 3, utf16: 4 }));
        // A point past the end has nothing after it.
        assert_eq!(m.char_at(Origin { node: 9, utf16: 0 }, Side::After), None);
        assert_eq!(m.char_at(Origin { node: 0, utf16: 0 }, Side::Before), None);
    }
}
