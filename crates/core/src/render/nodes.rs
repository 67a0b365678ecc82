//! A piece of DOM as data: elements, attributes and text, recorded as a
//! list of operations over one string buffer.
//!
//! Why not build the elements one call at a time: every string a wasm
//! program hands the browser is decoded out of wasm memory on its own
//! (`TextDecoder`), and an article's blocks set tens of thousands of short
//! attributes. Profiled on a 400,000-character article, the decoding alone
//! took 170–200 ms of the 330 ms spent in `setAttribute` (docs/performance.md,
//! "Where a heavy reload's time goes"). Recorded here, a whole block crosses as one
//! string, and the browser shell (`platform::dom`) cuts each value out of
//! it on the JavaScript side, where slicing a string costs no decoding.
//!
//! Positions in the buffer are in UTF-16 code units, the unit JavaScript
//! strings are sliced in; they are counted as the buffer grows, so the
//! shell never converts.
//!
//! ```
//! use marginalia_core::render::nodes::Nodes;
//! let mut n = Nodes::default();
//! n.open("p");
//! n.attr("class", "block");
//! n.text("Tom & “Jerry”");
//! n.close();
//! assert_eq!(n.markup(), r#"<p class="block">Tom &amp; “Jerry”</p>"#);
//! ```

use std::fmt::{Display, Write};

/// A stretch of [`Nodes::buffer`], in UTF-16 code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Units {
    /// First unit.
    pub start: u32,
    /// One past the last unit.
    pub end: u32,
}

/// One step of building: open an element (a child of the one open, if
/// any), set an attribute of the element open, add text to it, close it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// A new element with this tag name, appended to the element open.
    Open(&'static str),
    /// An attribute of the element open: its name and value.
    Attr(&'static str, Units),
    /// A text node appended to the element open.
    Text(Units),
    /// The element open is finished; its parent is open again.
    Close,
}

/// Elements, attributes and text recorded for building in one go.
/// Tag and attribute names are static (a fixed set, cached by the shell);
/// values and text are anything, always set as text, never parsed as
/// markup.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Nodes {
    buf: String,
    /// Length of `buf` in UTF-16 code units.
    units: u32,
    ops: Vec<Op>,
}

impl Nodes {
    /// Opens an element `tag`.
    pub fn open(&mut self, tag: &'static str) {
        self.ops.push(Op::Open(tag));
    }

    /// Sets attribute `name` of the element open to `value` as written.
    pub fn attr(&mut self, name: &'static str, value: impl Display) {
        let span = self.push(value);
        self.ops.push(Op::Attr(name, span));
    }

    /// Appends `text` to the element open, as a text node.
    pub fn text(&mut self, text: &str) {
        if !text.is_empty() {
            let span = self.push(text);
            self.ops.push(Op::Text(span));
        }
    }

    /// Closes the element open.
    pub fn close(&mut self) {
        self.ops.push(Op::Close);
    }

    /// Every value and text, one after another.
    pub fn buffer(&self) -> &str {
        &self.buf
    }

    /// The operations, in order.
    pub fn ops(&self) -> &[Op] {
        &self.ops
    }

    /// Writes `value` at the end of the buffer; where it landed.
    fn push(&mut self, value: impl Display) -> Units {
        let from = self.buf.len();
        // Writing to a String cannot fail.
        let _ = write!(self.buf, "{value}");
        let added = &self.buf[from..];
        let len = if added.is_ascii() { added.len() } else { added.encode_utf16().count() };
        let start = self.units;
        self.units += len as u32;
        Units { start, end: self.units }
    }

    /// The value at `span` (which this buffer gave).
    fn slice(&self, span: Units) -> String {
        let units: Vec<u16> = self.buf.encode_utf16().skip(span.start as usize).take((span.end - span.start) as usize).collect();
        String::from_utf16_lossy(&units)
    }

    /// The nodes as HTML markup, text and values escaped: what the shell
    /// builds, for tests and debugging (the page never parses it).
    pub fn markup(&self) -> String {
        let escape = |s: String, quote: bool| {
            let s = s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            if quote { s.replace('"', "&quot;") } else { s }
        };
        let mut out = String::new();
        let mut open: Vec<&str> = Vec::new();
        let mut in_tag = false;
        for op in &self.ops {
            if in_tag && !matches!(op, Op::Attr(..)) {
                out.push('>');
                in_tag = false;
            }
            match *op {
                Op::Open(tag) => {
                    out.push_str(&format!("<{tag}"));
                    open.push(tag);
                    in_tag = true;
                }
                Op::Attr(name, span) => out.push_str(&format!(" {name}=\"{}\"", escape(self.slice(span), true))),
                Op::Text(span) => out.push_str(&escape(self.slice(span), false)),
                Op::Close => out.push_str(&format!("</{}>", open.pop().unwrap_or("?"))),
            }
        }
        if in_tag {
            out.push('>');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_utf16_units() {
        let mut n = Nodes::default();
        n.open("span");
        n.attr("data-start", 12);
        n.text("a😀b");
        n.attr("title", "é");
        n.close();
        assert_eq!(
            n.ops(),
            &[
                Op::Open("span"),
                Op::Attr("data-start", Units { start: 0, end: 2 }),
                Op::Text(Units { start: 2, end: 6 }),
                Op::Attr("title", Units { start: 6, end: 7 }),
                Op::Close
            ]
        );
        assert_eq!(n.buffer(), "12a😀bé");
    }

    #[test]
    fn markup_nests_and_escapes() {
        let mut n = Nodes::default();
        n.open("p");
        n.attr("title", "say \"<hi>\"");
        n.open("mark");
        n.text("a < b");
        n.close();
        n.text("");
        n.open("span");
        n.close();
        n.close();
        assert_eq!(n.markup(), "<p title=\"say &quot;&lt;hi&gt;&quot;\"><mark>a &lt; b</mark><span></span></p>");
    }
}
