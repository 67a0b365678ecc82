//! Reduce an HTML page to readable article text.
//!
//! A small tolerant scanner, not a DOM: the output is plain text, so nothing
//! from the input can ever reach the page as markup, run a script or make a
//! network request (checklist 32). Block elements become paragraph breaks,
//! `<script>`, `<style>` and other non-content elements are dropped with
//! their content, entities are decoded, and images become `{image_N}` media
//! placeholders so the reader still sees where a picture was.

/// The readable content of an HTML page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reduced {
    /// `<h1>` if present, else `<title>`; whitespace collapsed.
    pub title: Option<String>,
    /// Paragraphs separated by single LF, each trimmed, none empty.
    pub text: String,
}

/// Elements dropped together with everything inside them.
const SKIP_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas",
    "select", "button", "textarea", "head", "nav", "form", "audio",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3", "h4",
    "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption",
    "table", "tr", "td", "th", "caption", "hr", "address", "details", "summary", "body", "html",
];

/// Reduces `html` to text; never fails (malformed markup degrades to text).
pub fn html_to_text(html: &str) -> Reduced {
    let mut s = Scanner { src: html, pos: 0 };
    let mut out = Output::default();
    let mut title: Option<String> = None;
    let mut h1: Option<String> = None;
    let mut h1_capture: Option<String> = None;
    let mut pre_depth = 0usize;
    let mut media = 0usize;

    while s.pos < s.src.len() {
        let rest = &s.src[s.pos..];
        if let Some(stripped) = rest.strip_prefix("<!--") {
            s.pos += 4 + stripped.find("-->").map_or(stripped.len(), |i| i + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            s.pos += rest.find('>').map_or(rest.len(), |i| i + 1);
            continue;
        }
        if rest.starts_with('<') {
            match s.tag() {
                Some(tag) => {
                    let name = tag.name.as_str();
                    if !tag.closing && name == "title" {
                        let raw = s.raw_text_until_close("title");
                        if title.is_none() {
                            title = Some(collapse(&decode_entities(raw)));
                        }
                        continue;
                    }
                    if !tag.closing && !tag.self_closing && SKIP_CONTENT.contains(&name) {
                        // `<head>` only holds metadata; its <title> was read
                        // above only if it came first, so scan it for one.
                        let raw = s.raw_text_until_close(name);
                        if name == "head" && title.is_none() {
                            title = find_title(raw);
                        }
                        continue;
                    }
                    if name == "br" {
                        out.line_break();
                    } else if name == "img" || name == "video" || name == "picture" {
                        if !tag.closing {
                            media += 1;
                            let kind = if name == "video" { "video" } else { "image" };
                            out.paragraph_break();
                            out.push_literal(&format!("{{{kind}_{media}}}"));
                            out.paragraph_break();
                            if name != "img" {
                                // The <source>/<img> fallbacks inside would
                                // count twice.
                                s.raw_text_until_close(name);
                            }
                        }
                    } else if BLOCKS.contains(&name) {
                        out.paragraph_break();
                        if name == "pre" {
                            pre_depth = if tag.closing { pre_depth.saturating_sub(1) } else { pre_depth + 1 };
                        }
                        if name == "h1" {
                            if tag.closing {
                                if let Some(t) = h1_capture.take() {
                                    if h1.is_none() && !collapse(&t).is_empty() {
                                        h1 = Some(collapse(&t));
                                    }
                                }
                            } else {
                                h1_capture = Some(String::new());
                            }
                        }
                    }
                }
                None => {
                    // A lone '<' that opens no tag is text.
                    out.push_text("<", pre_depth > 0);
                    if let Some(c) = h1_capture.as_mut() {
                        c.push('<');
                    }
                    s.pos += 1;
                }
            }
            continue;
        }
        let end = rest.find('<').map_or(s.src.len(), |i| s.pos + i);
        let text = decode_entities(&s.src[s.pos..end]);
        out.push_text(&text, pre_depth > 0);
        if let Some(c) = h1_capture.as_mut() {
            c.push_str(&text);
        }
        s.pos = end;
    }

    let mut text = out.finish();
    let title = h1.or(title).filter(|t| !t.is_empty());
    if let Some(t) = &title {
        // Make the title the first line when the body does not start with it.
        if !text.starts_with(t.as_str()) {
            text = if text.is_empty() { t.clone() } else { format!("{t}\n{text}") };
        }
    }
    Reduced { title, text }
}

/// True when `text` looks like an HTML document or fragment rather than
/// plain text that happens to contain a `<`.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(1024).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
        || ["<body", "<p>", "<p ", "<div", "<article", "<h1", "<head", "<meta"].iter().any(|t| head.contains(t))
}

fn find_title(head: &str) -> Option<String> {
    let lower = head.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title").unwrap_or(lower.len() - start);
    Some(collapse(&decode_entities(&head[start..end]))).filter(|t| !t.is_empty())
}

struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
}

struct Scanner<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    /// Parses a tag at `pos` (which holds '<'); on success moves past '>'.
    fn tag(&mut self) -> Option<Tag> {
        let bytes = self.src.as_bytes();
        let mut i = self.pos + 1;
        let closing = bytes.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b':') {
            i += 1;
        }
        if i == name_start || !bytes[name_start].is_ascii_alphabetic() {
            return None;
        }
        let name = self.src[name_start..i].to_ascii_lowercase();
        // Skip attributes, honouring quotes so a '>' inside a value does not
        // end the tag.
        let mut quote: Option<u8> = None;
        let mut last_non_space = b' ';
        while i < bytes.len() {
            let b = bytes[i];
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b == b'>' => {
                    self.pos = i + 1;
                    return Some(Tag { name, closing, self_closing: last_non_space == b'/' });
                }
                None => {}
            }
            if !b.is_ascii_whitespace() {
                last_non_space = b;
            }
            i += 1;
        }
        // Unterminated tag: swallow the rest rather than show markup.
        self.pos = self.src.len();
        Some(Tag { name, closing, self_closing: false })
    }

    /// Returns the raw text up to `</name` and moves past its closing tag.
    fn raw_text_until_close(&mut self, name: &str) -> &'a str {
        let start = self.pos;
        let src = self.src;
        let needle = format!("</{name}");
        let mut from = start;
        loop {
            let Some(off) = find_ascii_ci(&src[from..], &needle) else {
                self.pos = src.len();
                return &src[start..];
            };
            let at = from + off;
            let after = src.as_bytes().get(at + needle.len()).copied().unwrap_or(b'>');
            if after == b'>' || after.is_ascii_whitespace() || after == b'/' {
                self.pos = at + src[at..].find('>').map_or(src.len() - at, |i| i + 1);
                return &src[start..at];
            }
            from = at + needle.len();
        }
    }
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Builds paragraphs, collapsing HTML whitespace outside `<pre>`.
#[derive(Default)]
struct Output {
    done: Vec<String>,
    current: String,
}

impl Output {
    fn push_text(&mut self, text: &str, preformatted: bool) {
        if preformatted {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.line_break();
                }
                self.current.push_str(line);
            }
            return;
        }
        for c in text.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                if !self.current.is_empty() && !self.current.ends_with(' ') {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
            }
        }
    }

    fn push_literal(&mut self, s: &str) {
        self.current.push_str(s);
    }

    fn line_break(&mut self) {
        self.paragraph_break();
    }

    fn paragraph_break(&mut self) {
        let p = self.current.trim();
        if !p.is_empty() {
            self.done.push(p.to_string());
        }
        self.current.clear();
    }

    fn finish(mut self) -> String {
        self.paragraph_break();
        self.done.join("\n")
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes HTML character references (named, decimal, hex). Unknown or
/// malformed references are kept literally, as browsers do.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|i| i + 1);
        let (body, consumed) = match end {
            Some(e) if rest.as_bytes()[e] == b';' => (&rest[1..e], e + 1),
            Some(e) => (&rest[1..e], e),
            None => (&rest[1..], rest.len()),
        };
        match decode_one(body) {
            Some(c) if consumed > 1 => {
                out.push_str(&c);
                rest = &rest[consumed..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_one(body: &str) -> Option<String> {
    if let Some(num) = body.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        // NUL, surrogates and out-of-range values become U+FFFD (HTML spec).
        return Some(char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{fffd}').to_string());
    }
    let c = match body {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "deg" => "°",
        "middot" => "·",
        "bull" => "•",
        "times" => "×",
        "divide" => "÷",
        "plusmn" => "±",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "sect" => "§",
        "para" => "¶",
        "shy" => "\u{ad}",
        "thinsp" => "\u{2009}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "zwj" => "\u{200d}",
        "zwnj" => "\u{200c}",
        "prime" => "′",
        "Prime" => "″",
        "dagger" => "†",
        "iexcl" => "¡",
        "iquest" => "¿",
        "aacute" => "á",
        "Aacute" => "Á",
        "agrave" => "à",
        "Agrave" => "À",
        "acirc" => "â",
        "auml" => "ä",
        "Auml" => "Ä",
        "aring" => "å",
        "atilde" => "ã",
        "ccedil" => "ç",
        "Ccedil" => "Ç",
        "eacute" => "é",
        "Eacute" => "É",
        "egrave" => "è",
        "Egrave" => "È",
        "ecirc" => "ê",
        "euml" => "ë",
        "iacute" => "í",
        "igrave" => "ì",
        "icirc" => "î",
        "iuml" => "ï",
        "ntilde" => "ñ",
        "Ntilde" => "Ñ",
        "oacute" => "ó",
        "Oacute" => "Ó",
        "ograve" => "ò",
        "ocirc" => "ô",
        "ouml" => "ö",
        "Ouml" => "Ö",
        "otilde" => "õ",
        "oslash" => "ø",
        "Oslash" => "Ø",
        "uacute" => "ú",
        "Uacute" => "Ú",
        "ugrave" => "ù",
        "ucirc" => "û",
        "uuml" => "ü",
        "Uuml" => "Ü",
        "szlig" => "ß",
        "aelig" => "æ",
        "AElig" => "Æ",
        "oelig" => "œ",
        "scaron" => "š",
        "Scaron" => "Š",
        "zcaron" => "ž",
        "Zcaron" => "Ž",
        "yacute" => "ý",
        _ => return None,
    };
    Some(c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(&str, &str, &str)] = &[
            ("paragraphs", "<p>One</p><p>Two</p>", "One\nTwo"),
            ("whitespace collapses", "<p>  a \n  b\t c </p>", "a b c"),
            ("br", "a<br>b<br/>c", "a\nb\nc"),
            ("inline kept in line", "<p>a <b>bold</b> <a href='x'>link</a></p>", "a bold link"),
            ("script dropped", "<p>x</p><script>alert(1)</script><p>y</p>", "x\ny"),
            ("script with tag in string", "<script>var s='</p>';</script>z", "z"),
            ("style dropped", "<style>p{color:red}</style>t", "t"),
            ("uppercase tags", "<P>A</P><SCRIPT>bad()</SCRIPT>", "A"),
            ("comment", "a<!-- <p>hidden</p> -->b", "ab"),
            ("entities", "&lt;b&gt; &amp; &quot;q&quot; &#8220;x&#x201D; &mdash;", "<b> & \"q\" “x” —"),
            ("unknown entity literal", "AT&T &bogus; &", "AT&T &bogus; &"),
            ("image placeholder", "<p>a</p><img src=x onerror=alert(1)><p>b</p>", "a\n{image_1}\nb"),
            ("lone lt is text", "1 < 2", "1 < 2"),
            ("iframe srcdoc dropped", "<iframe srcdoc='<script>x()</script>'></iframe>ok", "ok"),
            ("quoted gt in attribute", "<a title='a>b'>t</a>", "t"),
            ("pre keeps lines", "<pre>a\n  b</pre>", "a\nb"),
            ("unterminated tag", "text <p class='x", "text"),
        ];
        for (name, input, want) in cases {
            assert_eq!(html_to_text(input).text, *want, "case {name}");
        }
    }

    #[test]
    fn title_from_h1_or_title() {
        let r = html_to_text("<html><head><title>Site | Story</title><meta http-equiv=refresh content=0></head><body><h1>Story</h1><p>Body.</p></body></html>");
        assert_eq!(r.title.as_deref(), Some("Story"));
        assert_eq!(r.text, "Story\nBody.");
        let r = html_to_text("<title>Only title</title><p>Body.</p>");
        assert_eq!(r.title.as_deref(), Some("Only title"));
        assert_eq!(r.text, "Only title\nBody.");
    }

    #[test]
    fn hostile_markup_is_text_only() {
        let r = html_to_text(
            "<base href='http://evil/'><p onclick=\"x()\">Hi</p><svg onload=alert(1)><text>s</text></svg><p style=\"background:url(javascript:alert(1))\">There</p>",
        );
        assert_eq!(r.text, "Hi\nThere");
    }

    #[test]
    fn detection() {
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(looks_like_html("  <p>Hello</p>"));
        assert!(!looks_like_html("Kyiv, Ukraine: 1 < 2 and 3 > 2"));
    }
}
