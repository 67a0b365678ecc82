//! Finding quotations: pairing quotation marks per paragraph.
//!
//! Double marks (`"`, `“`, `”`, mixed as writers mix them; `„…“` and
//! `«…»` as other languages write them) pair up; an
//! opening mark still open at the paragraph's end continues into the next
//! paragraph when that one opens with a mark (each paragraph's part is its
//! own span, as corpora annotate them). Single marks (`‘’`, `'`) pair only
//! where they cannot be apostrophes (`Russia's`, `Russia’s`, `'90s`).

use crate::text::ByteRange;

/// A quotation found by the mark scanner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    /// Byte of the opening mark.
    pub open: usize,
    /// Byte after the closing mark (or the paragraph's end).
    pub close: usize,
    /// The text between the marks.
    pub inner: ByteRange,
    /// Single marks.
    pub single: bool,
    /// No closing mark in this paragraph: continues in the next.
    pub continues: bool,
}

fn is_letter(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// An unclosed quotation of at least this many words continues into the
/// next paragraph even when that one does not open with a mark (fewer:
/// a stray mark).
const UNCLOSED_MIN_WORDS: usize = 3;

/// Finds quotations in `text`.
pub fn find_marked(text: &str) -> Vec<Marked> {
    let mut out = Vec::new();
    let mut para_start = 0;
    for para in text.split('\n') {
        scan_paragraph(text, para_start, para, &mut out);
        para_start += para.len() + 1;
    }
    // An unclosed quotation continues only if the next paragraph opens with
    // a mark; otherwise it was a stray mark.
    let mut keep = vec![true; out.len()];
    for (k, q) in out.iter().enumerate() {
        if q.continues {
            let next_para = text[q.close..].trim_start_matches('\n');
            let next_opens = next_para.starts_with(['"', '“', '„', '«', '\'', '‘']);
            let long_enough = text[q.inner.start..q.inner.end].split_whitespace().count() >= UNCLOSED_MIN_WORDS;
            keep[k] = next_opens || long_enough;
        }
    }
    out.into_iter().zip(keep).filter_map(|(q, k)| k.then_some(q)).collect()
}

/// What a double mark does in a paragraph.
enum Double {
    Open,
    Close,
    Neither,
}

/// What the double mark `c` does when `open` is the mark of the
/// quotation still open, if any. English writers mix `"`, `“` and `”`
/// (`“no evidence"`), so any of them closes what either opened; `„`
/// (German, Czech, Polish) closes with `“` or `”` (and `"`), `«` (French,
/// Swiss, Russian) only with `»`. A straight mark opens only before a
/// non-space and not after a letter. (German `»…«` is not read.)
fn double_mark(open: Option<char>, c: char, prev: Option<char>, next: Option<char>) -> Double {
    match open {
        Some('«') if c == '»' => Double::Close,
        Some('„') if matches!(c, '“' | '”' | '"') => Double::Close,
        Some('“' | '"') if matches!(c, '”' | '"') => Double::Close,
        Some(_) => Double::Neither,
        None => match c {
            '“' | '„' | '«' => Double::Open,
            '"' if next.is_some_and(|n| !n.is_whitespace()) && prev.is_none_or(|p| !is_letter(Some(p)) || p == '(') => Double::Open,
            _ => Double::Neither,
        },
    }
}

fn scan_paragraph(text: &str, base: usize, para: &str, out: &mut Vec<Marked>) {
    let chars: Vec<(usize, char)> = para.char_indices().collect();
    let mut open_double: Option<usize> = None; // index into chars
    let mut open_single: Option<usize> = None;
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let byte = |k: usize| base + chars.get(k).map_or(para.len(), |&(b, _)| b);
    let push = |out: &mut Vec<Marked>, o: usize, c: usize, single: bool, continues: bool| {
        let start = byte(o) + chars[o].1.len_utf8();
        let end = if continues { base + para.trim_end().len() } else { byte(c) };
        if end <= start {
            return;
        }
        let inner = &text[start..end];
        let lead = inner.len() - inner.trim_start().len();
        let trail = inner.len() - inner.trim_end().len();
        if inner.trim().is_empty() {
            return;
        }
        let close = if continues { base + para.len() } else { byte(c) + chars[c].1.len_utf8() };
        out.push(Marked { open: byte(o), close, inner: ByteRange::new(start + lead, end - trail), single, continues });
    };
    for (k, &(_, c)) in chars.iter().enumerate() {
        let prev = if k == 0 { None } else { at(k - 1) };
        let next = at(k + 1);
        match c {
            '“' | '”' | '"' | '„' | '«' | '»' => match double_mark(open_double.map(|o| chars[o].1), c, prev, next) {
                Double::Open => {
                    open_double = Some(k);
                    open_single = None;
                }
                Double::Close => {
                    if let Some(o) = open_double.take() {
                        push(out, o, k, false, false);
                    }
                }
                Double::Neither => {}
            },
            '‘' if open_double.is_none() && open_single.is_none() && next.is_some_and(|n| !n.is_whitespace()) => {
                open_single = Some(k);
            }
            '’' | '\'' if open_double.is_none() => {
                let apostrophe = is_letter(prev) && is_letter(next);
                match open_single {
                    Some(o) if !apostrophe && prev.is_some_and(|p| !p.is_whitespace()) => {
                        push(out, o, k, true, false);
                        open_single = None;
                    }
                    None if c == '\'' && prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–'))
                        && next.is_some_and(char::is_alphabetic) =>
                    {
                        open_single = Some(k);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open_double {
        push(out, o, chars.len(), false, true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<String> {
        find_marked(text).iter().map(|q| text[q.inner.start..q.inner.end].to_string()).collect()
    }

    #[test]
    fn marks_table() {
        let cases: &[(&str, &[&str])] = &[
            ("\"Yes,\" he said.", &["Yes,"]),
            ("“Curly,” she said, “and more.”", &["Curly,", "and more."]),
            ("there was “no evidence\" yet", &["no evidence"]),
            ("Russia's forces and Russia’s army", &[]),
            ("efforts to 'cool down' the crisis", &["cool down"]),
            ("a ‘scare’ quote and the players’ union", &["scare"]),
            ("in the '90s it was 'good' then", &["good"]),
            ("“Unclosed quote runs to the end of the paragraph\n“And continues.”", &["Unclosed quote runs to the end of the paragraph", "And continues."]),
            ("He said \"stray mark\nnext", &[]),
            ("“He called it ‘absurd’ today,” she said.", &["He called it ‘absurd’ today,"]),
            // Guillemets and low-high marks; a guillemet closes only its own.
            ("«We will not give up,» said the minister.", &["We will not give up,"]),
            ("Er sagte: „Wir geben nicht auf.“ Dann ging er.", &["Wir geben nicht auf."]),
            ("Polish „cytat” here and «a “nested” one» there", &["cytat", "a “nested” one"]),
        ];
        for (text, want) in cases {
            assert_eq!(inner(text), want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{text}");
        }
    }
}
