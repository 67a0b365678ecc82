//! Finding text in a document the way a reader types it: case-insensitive,
//! from a position, wrapping around.

use super::offsets::ByteRange;

fn eq_ci(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// The first occurrence of `query` in `text` at or after byte `from`
/// (wrapping to the start), ignoring case. `None` for an empty query or no
/// match.
pub fn find_ci(text: &str, query: &str, from: usize) -> Option<ByteRange> {
    let q: Vec<char> = query.chars().collect();
    if q.is_empty() {
        return None;
    }
    let from = (0..=from.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let try_at = |start: usize| -> Option<ByteRange> {
        let mut it = text[start..].char_indices();
        let mut end = start;
        for &qc in &q {
            let (i, c) = it.next()?;
            if !eq_ci(c, qc) {
                return None;
            }
            end = start + i + c.len_utf8();
        }
        Some(ByteRange::new(start, end))
    };
    let after = text[from..].char_indices().map(|(i, _)| from + i);
    let before = text[..from].char_indices().map(|(i, _)| i);
    after.chain(before).find_map(try_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let t = "Kyiv and KYIV and kyiv 😀 Lviv";
        assert_eq!(find_ci(t, "kyiv", 0), Some(ByteRange::new(0, 4)));
        assert_eq!(find_ci(t, "kyiv", 1), Some(ByteRange::new(9, 13)));
        assert_eq!(find_ci(t, "kyiv", 14), Some(ByteRange::new(18, 22)));
        assert_eq!(find_ci(t, "kyiv", 22), Some(ByteRange::new(0, 4)), "wraps");
        assert_eq!(find_ci(t, "lviv", 0).map(|r| &t[r.start..r.end]), Some("Lviv"));
        assert_eq!(find_ci(t, "", 0), None);
        assert_eq!(find_ci(t, "Odesa", 0), None);
        assert!(find_ci(t, "😀", 25).is_some(), "a position inside a character is tolerated");
    }
}
