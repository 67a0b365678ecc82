//! Reduce Markdown to readable article text.
//!
//! Not a renderer: the goal is the text a reader sees, one paragraph per
//! line. Headings, quotes and list markers lose their syntax, emphasis
//! markers go, links keep their text, images become `{image_N}` media
//! placeholders, soft-wrapped lines join into one paragraph.

/// Reduces Markdown `md` to paragraphs separated by single LF.
pub fn markdown_to_text(md: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut media = 0usize;
    let mut in_fence = false;

    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let p = current.trim();
        if !p.is_empty() {
            paragraphs.push(p.to_string());
        }
        current.clear();
    };

    for raw_line in md.lines() {
        let line = raw_line.trim_end();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut current, &mut paragraphs);
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            // Code keeps its lines.
            if !trimmed.is_empty() {
                paragraphs.push(trimmed.to_string());
            }
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut current, &mut paragraphs);
            continue;
        }
        if is_rule(trimmed) {
            flush(&mut current, &mut paragraphs);
            continue;
        }
        let (block_start, content) = strip_block_marker(trimmed);
        if block_start {
            flush(&mut current, &mut paragraphs);
        }
        let inline = reduce_inline(content, &mut media);
        // An image alone on its line is its own paragraph.
        for (i, piece) in inline.split('\n').enumerate() {
            if i > 0 {
                flush(&mut current, &mut paragraphs);
            }
            if !piece.trim().is_empty() {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(piece.trim());
            }
        }
        if block_start && trimmed.starts_with('#') {
            flush(&mut current, &mut paragraphs);
        }
        // Two trailing spaces or a backslash is a hard line break.
        if raw_line.ends_with("  ") || raw_line.ends_with('\\') {
            if current.ends_with('\\') {
                current.pop();
            }
            flush(&mut current, &mut paragraphs);
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n")
}

fn is_rule(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && (compact.chars().all(|c| c == '-') || compact.chars().all(|c| c == '*') || compact.chars().all(|c| c == '_'))
}

/// Strips heading, quote and list markers. Returns whether the line starts
/// a new block and the remaining content.
fn strip_block_marker(line: &str) -> (bool, &str) {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        return (true, line[hashes..].trim().trim_end_matches('#').trim_end());
    }
    if let Some(rest) = line.strip_prefix('>') {
        let (_, inner) = strip_block_marker(rest.trim_start());
        return (false, inner);
    }
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return (true, rest);
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 10 {
        let rest = &line[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return (true, &rest[2..]);
        }
    }
    (false, line)
}

fn reduce_inline(s: &str, media: &mut usize) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // Images: ![alt](src) -> placeholder on its own line.
        if c == '!' && chars.get(i + 1) == Some(&'[') {
            if let Some((_, end)) = link_at(&chars, i + 1) {
                *media += 1;
                out.push_str(&format!("\n{{image_{}}}\n", *media));
                i = end;
                continue;
            }
        }
        if c == '[' {
            if let Some((text, end)) = link_at(&chars, i) {
                out.push_str(&reduce_inline(&text, media));
                i = end;
                continue;
            }
        }
        if c == '\\' && i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() {
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '`' {
            i += 1;
            continue;
        }
        // Strong/emphasis markers: '**', '__' always; single '*' or '_'
        // only when flanking a word (so "5 * 3" and snake_case survive).
        if (c == '*' || c == '_') && chars.get(i + 1) == Some(&c) {
            i += 2;
            continue;
        }
        if c == '*' || c == '_' {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let opens = next.is_some_and(|n| !n.is_whitespace()) && prev.is_none_or(|p| p.is_whitespace() || p.is_ascii_punctuation());
            let closes = prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(|n| n.is_whitespace() || n.is_ascii_punctuation());
            if opens || closes {
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Parses `[text](target)` starting at `chars[i] == '['`; returns the text
/// and the index after `)`.
fn link_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    let mut depth = 0;
    let mut j = i;
    while j < chars.len() {
        match chars[j] {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        j += 1;
    }
    if j >= chars.len() || chars.get(j + 1) != Some(&'(') {
        return None;
    }
    let close = (j + 2..chars.len()).find(|&k| chars[k] == ')')?;
    Some((chars[i + 1..j].iter().collect(), close + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(&str, &str, &str)] = &[
            ("heading", "# Title\nBody text.", "Title\nBody text."),
            ("soft wrap joins", "one\ntwo\n\nthree", "one two\nthree"),
            ("emphasis", "a **bold** and *it* and __u__", "a bold and it and u"),
            ("math star kept", "5 * 3 = 15", "5 * 3 = 15"),
            ("snake case kept", "snake_case_name", "snake_case_name"),
            ("link text", "see [the report](http://x.y) now", "see the report now"),
            ("image", "before\n\n![a map](map.png)\n\nafter", "before\n{image_1}\nafter"),
            ("quote", "> quoted line", "quoted line"),
            ("list", "- one\n- two", "one\ntwo"),
            ("numbered", "1. one\n2. two", "one\ntwo"),
            ("rule", "a\n\n---\n\nb", "a\nb"),
            ("code fence", "```\nlet x = 1;\n```", "let x = 1;"),
            ("inline code", "use `cargo`", "use cargo"),
            ("escapes", "\\*not em\\*", "*not em*"),
            ("hard break", "line one  \nline two", "line one\nline two"),
        ];
        for (name, input, want) in cases {
            assert_eq!(markdown_to_text(input), *want, "case {name}");
        }
    }
}
