//! Every exact occurrence of a string in one text, for many strings.
//!
//! Re-anchoring 5,000 annotations after an edit near the top of a
//! 400,000-character article looks up 5,000 quotes and 10,000 context
//! pieces; a scan per look-up would read the text 15,000 times. Instead the
//! text's [`GRAM`]-character grams are hashed once into one sorted array
//! (8 bytes a character), and a look-up reads only the positions of the
//! rarest gram of the needle, then verifies each. Needles shorter than a
//! gram are found by a scan. For the few look-ups of one new annotation,
//! [`scan_all`] searches the text's bytes instead of indexing it.

use crate::text::IndexedText;

/// Characters per indexed gram. Four keeps common grams (` the`) at a few
/// percent of the positions while still indexing four-letter names.
pub const GRAM: usize = 4;

/// Grams of a needle compared to find its rarest: looking further into a
/// long quote rarely finds a rarer gram and costs a binary search each.
const GRAMS_TRIED: usize = 32;

/// Every occurrence of `needle` in `text` (overlapping ones too), at most
/// `limit`, as code point offsets: what a scan of the text's characters
/// finds, for the few look-ups of one description ([`super::describe`]),
/// where indexing the text would cost more than it saves.
///
/// Searches the UTF-8 bytes (the standard library's two-way search) rather
/// than comparing characters one by one: adding an annotation to a
/// 400,000-character article made ten such scans, most of its anchoring
/// time. A match of whole characters in valid UTF-8 starts on a character
/// boundary, so each byte offset converts to a code point offset.
pub fn scan_all(text: &IndexedText, needle: &[char], limit: usize) -> Vec<usize> {
    let Some(&first) = needle.first() else { return Vec::new() };
    let pattern: String = needle.iter().collect();
    let haystack = text.as_str();
    let mut found = Vec::new();
    let mut from = 0;
    while found.len() < limit {
        let Some(at) = haystack.get(from..).and_then(|rest| rest.find(&pattern)) else { break };
        let byte = from + at;
        if let Some(c) = text.byte_to_char(byte) {
            found.push(c);
        }
        // The next occurrence may overlap this one: look again one
        // character on.
        from = byte + first.len_utf8();
    }
    found
}

/// The gram index of one text, in code points.
pub struct GramIndex {
    /// `(hash << 32) | position`, sorted: the positions of one hash are a
    /// contiguous run, in text order.
    entries: Vec<u64>,
}

fn gram_hash(gram: &[char]) -> u32 {
    // FNV-1a over the code points: cheap, and collisions only cost a
    // verification.
    gram.iter().fold(0x811c_9dc5u32, |h, &c| (h ^ c as u32).wrapping_mul(0x0100_0193))
}

impl GramIndex {
    /// Indexes `chars` (texts over 4 G characters are indexed up to there).
    pub fn new(chars: &[char]) -> Self {
        let mut entries: Vec<u64> = chars
            .windows(GRAM)
            .enumerate()
            .take(u32::MAX as usize)
            .map(|(i, g)| (u64::from(gram_hash(g)) << 32) | i as u64)
            .collect();
        entries.sort_unstable();
        GramIndex { entries }
    }

    /// The sorted run of positions whose gram hashes to `hash`.
    fn run(&self, hash: u32) -> &[u64] {
        let lo = self.entries.partition_point(|&e| (e >> 32) < u64::from(hash));
        let hi = self.entries.partition_point(|&e| (e >> 32) <= u64::from(hash));
        &self.entries[lo..hi]
    }

    /// Starts of the first `limit` occurrences of `needle` in `chars` (the
    /// text this index was built from), in text order.
    pub fn find_all(&self, chars: &[char], needle: &[char], limit: usize) -> Vec<usize> {
        let n = needle.len();
        if n == 0 || n > chars.len() {
            return Vec::new();
        }
        let is_at = |s: usize| chars.get(s..s + n) == Some(needle);
        if n < GRAM {
            return (0..=chars.len() - n).filter(|&s| is_at(s)).take(limit).collect();
        }
        let (offset, run) = (0..=n - GRAM)
            .take(GRAMS_TRIED)
            .map(|i| (i, self.run(gram_hash(&needle[i..i + GRAM]))))
            .min_by_key(|(_, run)| run.len())
            .unwrap_or((0, &[]));
        run.iter()
            .filter_map(|&e| ((e & 0xffff_ffff) as usize).checked_sub(offset))
            .filter(|&s| is_at(s))
            .take(limit)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn scan_table() {
        let cases: &[(&str, &str, &str, usize, &[usize])] = &[
            ("twice", "US and EU and US", "US", 10, &[0, 14]),
            ("overlapping", "aaaaa", "aaaa", 10, &[0, 1]),
            ("limited", "aaaaa", "a", 3, &[0, 1, 2]),
            ("absent", "nothing here", "zz", 10, &[]),
            ("after wide characters", "😀é ok é ok", "é ok", 10, &[1, 6]),
            ("empty needle", "abc", "", 10, &[]),
        ];
        for (name, text, needle, limit, want) in cases {
            let t = IndexedText::new(text.to_string());
            assert_eq!(scan_all(&t, &chars(needle), *limit), want.to_vec(), "case {name}");
        }
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, &[usize])] = &[
            ("long needle twice", "the embassy in Kyiv; the embassy in Lviv; the embassy in Kyiv", &[0, 42]),
            ("short needle scanned", "US and EU and US", &[0, 14]),
            ("overlapping", "aaaaa", &[0, 1]),
            ("absent", "nothing here", &[]),
            ("emoji are one character", "😀😀😀 ok 😀😀😀", &[0, 7]),
            ("needle longer than text", "ab", &[]),
        ];
        let needles = ["the embassy in Kyiv", "US", "aaaa", "zzzz", "😀😀😀", "abcdef"];
        for ((name, text, want), needle) in cases.iter().zip(needles) {
            let t = chars(text);
            let got = GramIndex::new(&t).find_all(&t, &chars(needle), 100);
            assert_eq!(got, want.to_vec(), "case {name}");
        }
    }

    proptest! {
        /// The index finds exactly what a scan finds.
        #[test]
        fn agrees_with_a_scan(text in "[ab ]{0,200}", needle in "[ab ]{1,9}") {
            let (t, n) = (chars(&text), chars(&needle));
            let scan: Vec<usize> = if n.len() > t.len() { Vec::new() } else {
                (0..=t.len() - n.len()).filter(|&s| t[s..s + n.len()] == n[..]).collect()
            };
            prop_assert_eq!(GramIndex::new(&t).find_all(&t, &n, usize::MAX), scan);
        }

        /// The byte scan finds what a scan of the characters finds, in
        /// text with characters of one to four bytes.
        #[test]
        fn the_byte_scan_agrees_with_a_character_scan(text in "[aé😀 ]{0,120}", needle in "[aé😀 ]{1,6}", limit in 1usize..50) {
            let (t, n) = (chars(&text), chars(&needle));
            let scan: Vec<usize> = if n.len() > t.len() { Vec::new() } else {
                (0..=t.len() - n.len()).filter(|&s| t[s..s + n.len()] == n[..]).take(limit).collect()
            };
            prop_assert_eq!(scan_all(&IndexedText::new(text.clone()), &n, limit), scan);
        }
    }
}
