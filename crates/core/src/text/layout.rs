//! The reading structure of an article: title, paragraphs, embedded social
//! posts with their attribution lines, and media placeholders.
//!
//! Canonical text has one paragraph per line. An embedded post is a
//! paragraph followed by an attribution line such as
//! `— Dmytro Kuleba (@DmytroKuleba) February 14, 2022`; a line that is only
//! a placeholder such as `{image_1}` is a media block. Everything is
//! expressed in code points ([`CharRange`]) of the canonical text.

use super::offsets::{ByteRange, CharRange};

/// One displayed block of the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The whole block in the document, without the trailing LF.
    pub range: CharRange,
}

/// The kinds of block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// The first line of a multi-line document.
    Title,
    /// An ordinary paragraph.
    Paragraph,
    /// A line holding only a media placeholder such as `{image_1}`.
    Media(MediaRef),
    /// An embedded social post: its body paragraph and attribution line.
    Post(Post),
}

/// A media placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaRef {
    /// The kind named in the placeholder: `image`, `video`, ...
    pub kind: String,
    /// The number, if any (`{image_1}` -> 1).
    pub number: Option<u32>,
}

/// An embedded post: body plus attribution line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    /// The post's text.
    pub body: CharRange,
    /// The attribution line, dash included.
    pub attribution: CharRange,
    /// The parsed attribution.
    pub meta: Attribution,
}

/// A parsed `— Name (@handle) Date` line, with ranges relative to the
/// document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The author's display name, title words included as written.
    pub author: String,
    /// Where the author's name is.
    pub author_range: CharRange,
    /// The handle with its `@`.
    pub handle: String,
    /// Where the handle is.
    pub handle_range: CharRange,
    /// The date as written.
    pub date: String,
    /// Where the date is.
    pub date_range: CharRange,
}

/// The article's blocks in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// Blocks in document order; empty lines produce none.
    pub blocks: Vec<Block>,
}

impl Layout {
    /// Lays out canonical `text`.
    pub fn of(text: &str) -> Layout {
        let lines = lines_with_ranges(text);
        let non_empty: Vec<&Line> = lines.iter().filter(|l| !l.text.trim().is_empty()).collect();
        let mut blocks = Vec::with_capacity(non_empty.len());
        let mut i = 0;
        while i < non_empty.len() {
            let line = non_empty[i];
            if i == 0 && non_empty.len() > 1 && line.text.chars().count() <= 300 && parse_attribution(line.text).is_none() {
                blocks.push(Block { kind: BlockKind::Title, range: line.chars });
                i += 1;
                continue;
            }
            if let Some(media) = whole_line_media(line.text) {
                blocks.push(Block { kind: BlockKind::Media(media), range: line.chars });
                i += 1;
                continue;
            }
            if let Some(next) = non_empty.get(i + 1) {
                if let Some(a) = parse_attribution(next.text) {
                    if parse_attribution(line.text).is_none() && whole_line_media(line.text).is_none() {
                        let meta = a.offset_by(next.chars.start);
                        blocks.push(Block {
                            kind: BlockKind::Post(Post { body: line.chars, attribution: next.chars, meta }),
                            range: CharRange::new(line.chars.start, next.chars.end),
                        });
                        i += 2;
                        continue;
                    }
                }
            }
            blocks.push(Block { kind: BlockKind::Paragraph, range: line.chars });
            i += 1;
        }
        Layout { blocks }
    }

    /// The title line's range, if the article has one.
    pub fn title(&self) -> Option<CharRange> {
        self.blocks.iter().find(|b| b.kind == BlockKind::Title).map(|b| b.range)
    }
}

struct Line<'a> {
    text: &'a str,
    chars: CharRange,
}

fn lines_with_ranges(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut char_pos = 0usize;
    for line in text.split('\n') {
        let n = line.chars().count();
        // Leading/trailing spaces are not part of the block.
        let lead = line.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = line.trim();
        let tn = trimmed.chars().count();
        out.push(Line { text: trimmed, chars: CharRange::new(char_pos + lead, char_pos + lead + tn) });
        char_pos += n + 1;
    }
    out
}

/// Media placeholder kinds recognised in `{kind_N}` and `{kind}`.
const MEDIA_KINDS: &[&str] = &["image", "img", "photo", "picture", "video", "audio", "media", "gallery", "embed", "graphic", "chart", "map", "tweet", "figure"];

/// Finds media placeholders in `text`, as byte ranges with their parsed
/// reference, in order.
pub fn media_placeholders(text: &str) -> Vec<(ByteRange, MediaRef)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(off) = text[from..].find('{') {
        let start = from + off;
        let Some(close_off) = text[start..].find('}') else { break };
        let end = start + close_off + 1;
        if let Some(m) = parse_media(&text[start + 1..end - 1]) {
            out.push((ByteRange::new(start, end), m));
            from = end;
        } else {
            from = start + 1;
        }
        if from >= bytes.len() {
            break;
        }
    }
    out
}

fn parse_media(inner: &str) -> Option<MediaRef> {
    if inner.is_empty() || inner.len() > 24 {
        return None;
    }
    let (kind, number) = match inner.rsplit_once('_') {
        Some((k, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => (k, Some(n.parse().ok()?)),
        _ => (inner, None),
    };
    let kind = kind.to_ascii_lowercase();
    MEDIA_KINDS.contains(&kind.as_str()).then_some(MediaRef { kind, number })
}

fn whole_line_media(line: &str) -> Option<MediaRef> {
    let t = line.trim();
    if t.starts_with('{') && t.ends_with('}') {
        parse_media(&t[1..t.len() - 1])
    } else {
        None
    }
}

impl Attribution {
    fn offset_by(mut self, base: usize) -> Attribution {
        for r in [&mut self.author_range, &mut self.handle_range, &mut self.date_range] {
            r.start += base;
            r.end += base;
        }
        self
    }
}

/// Parses an attribution line `— Name (@handle) Date` (also with `–`, `-`
/// or `--`). Ranges are relative to the start of `line`.
pub fn parse_attribution(line: &str) -> Option<Attribution> {
    let mut rest = line.trim_end();
    let mut pos = 0usize; // bytes consumed from `line`
    let dash_len = ["—", "–", "--", "-", "―"].iter().find(|d| rest.starts_with(*d))?.len();
    rest = &rest[dash_len..];
    pos += dash_len;
    let ws = rest.len() - rest.trim_start().len();
    rest = &rest[ws..];
    pos += ws;

    let open = rest.find("(@")?;
    let author = rest[..open].trim_end();
    if author.is_empty() || author.chars().count() > 80 || !author.chars().next()?.is_alphabetic() {
        return None;
    }
    let author_start = pos;
    let after_open = open + 1;
    let close = rest[after_open..].find(')')? + after_open;
    let handle = &rest[after_open..close];
    if handle.len() < 2 || !handle[1..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    let handle_start = pos + after_open;
    let date_part = &rest[close + 1..];
    let date = date_part.trim();
    if date.is_empty() || !looks_like_date(date) {
        return None;
    }
    let date_start = pos + close + 1 + (date_part.len() - date_part.trim_start().len());

    let to_chars = |b: usize| line[..b].chars().count();
    let range = |b: usize, s: &str| CharRange::new(to_chars(b), to_chars(b) + s.chars().count());
    Some(Attribution {
        author: author.to_string(),
        author_range: range(author_start, author),
        handle: handle.to_string(),
        handle_range: range(handle_start, handle),
        date: date.to_string(),
        date_range: range(date_start, date),
    })
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn looks_like_date(s: &str) -> bool {
    if s.chars().count() > 40 {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    let has_year = lower
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    let has_month = lower.split(|c: char| !c.is_ascii_alphabetic()).any(|w| w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)));
    has_year || has_month
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<&'static str> {
        Layout::of(text)
            .blocks
            .iter()
            .map(|b| match b.kind {
                BlockKind::Title => "title",
                BlockKind::Paragraph => "p",
                BlockKind::Media(_) => "media",
                BlockKind::Post(_) => "post",
            })
            .collect()
    }

    #[test]
    fn block_table() {
        let cases: &[(&str, &[&str])] = &[
            ("One line only", &["p"]),
            ("Title\nBody", &["title", "p"]),
            ("Title\n\nBody\n\n", &["title", "p"]),
            ("T\nPost body.\n— Jane Doe (@jane) February 14, 2022\nAfter", &["title", "post", "p"]),
            ("T\n{image_1}\nAfter", &["title", "media", "p"]),
            ("T\nA sentence with {image_2} inline.", &["title", "p"]),
            ("T\n- just a list item (@x) nothing", &["title", "p"]),
        ];
        for (text, want) in cases {
            assert_eq!(kinds(text), *want, "{text:?}");
        }
    }

    #[test]
    fn attribution_table() {
        let ok = [
            ("— Secretary Antony Blinken (@SecBlinken) February 14, 2022", "Secretary Antony Blinken", "@SecBlinken", "February 14, 2022"),
            ("– Ned Price (@StateDeptSpox) 14 Feb 2022", "Ned Price", "@StateDeptSpox", "14 Feb 2022"),
            ("-- José Ñúñez (@jn_1) 2022-02-14", "José Ñúñez", "@jn_1", "2022-02-14"),
        ];
        for (line, author, handle, date) in ok {
            let a = parse_attribution(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!((a.author.as_str(), a.handle.as_str(), a.date.as_str()), (author, handle, date));
            let chars: Vec<char> = line.chars().collect();
            let cut = |r: CharRange| chars[r.start..r.end].iter().collect::<String>();
            assert_eq!(cut(a.author_range), author);
            assert_eq!(cut(a.handle_range), handle);
            assert_eq!(cut(a.date_range), date);
        }
        for bad in ["— (@x) Feb 1, 2020", "— Name (@) Feb 1, 2020", "— Name (@x)", "— Name (@x) lunch", "Name (@x) Feb 1, 2020"] {
            assert!(parse_attribution(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn post_ranges_in_document() {
        let text = "Title\nBody 😀 text.\n— A B (@ab) May 1, 2020";
        let layout = Layout::of(text);
        let BlockKind::Post(p) = &layout.blocks[1].kind else { panic!("no post") };
        let chars: Vec<char> = text.chars().collect();
        let cut = |r: CharRange| chars[r.start..r.end].iter().collect::<String>();
        assert_eq!(cut(p.body), "Body 😀 text.");
        assert_eq!(cut(p.meta.handle_range), "@ab");
        assert_eq!(cut(layout.blocks[1].range), "Body 😀 text.\n— A B (@ab) May 1, 2020");
    }

    #[test]
    fn placeholders() {
        let found = media_placeholders("a {image_1} b {video} c {not_a_kind_1} {x");
        let names: Vec<_> = found.iter().map(|(_, m)| (m.kind.as_str(), m.number)).collect();
        assert_eq!(names, vec![("image", Some(1)), ("video", None)]);
    }
}
