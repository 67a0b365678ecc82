//! Place, nationality and first-name lists, generated from public data
//! packages by `scripts/gazetteer.py` (sources and licences in README.md).
//!
//! The list is embedded as sorted text (`name<TAB>kinds[<TAB>canonical]`,
//! sorted by lowercased name) and searched in place by binary search over
//! line boundaries: no parsing or allocation at start-up, so the first
//! analysis in the browser is as fast as the rest.

use std::cmp::Ordering;

static DATA: &str = include_str!("data/gazetteer.txt");

/// What a gazetteer name is (bit flags).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Kinds(pub u8);

impl Kinds {
    /// A country.
    pub const COUNTRY: u8 = 1;
    /// A city or town.
    pub const CITY: u8 = 2;
    /// A state or province.
    pub const STATE: u8 = 4;
    /// A region or continent.
    pub const REGION: u8 = 8;
    /// A nationality or demonym.
    pub const DEMONYM: u8 = 16;
    /// A male first name.
    pub const MALE: u8 = 32;
    /// A female first name.
    pub const FEMALE: u8 = 64;
    /// Any place kind.
    pub const PLACE: u8 = Self::COUNTRY | Self::CITY | Self::STATE | Self::REGION;
    /// Any first name.
    pub const FIRST_NAME: u8 = Self::MALE | Self::FEMALE;

    /// True when any of `mask` is set.
    pub fn has(self, mask: u8) -> bool {
        self.0 & mask != 0
    }

    fn parse(s: &str) -> Kinds {
        Kinds(s.bytes().fold(0, |acc, b| {
            acc | match b {
                b'C' => Self::COUNTRY,
                b'T' => Self::CITY,
                b'S' => Self::STATE,
                b'R' => Self::REGION,
                b'D' => Self::DEMONYM,
                b'M' => Self::MALE,
                b'F' => Self::FEMALE,
                _ => 0,
            }
        }))
    }
}

/// A gazetteer hit.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The name as listed.
    pub name: &'static str,
    /// What it is.
    pub kinds: Kinds,
    /// The name it is an alias of (`Kiev` -> `Kyiv`), if any.
    pub canonical: Option<&'static str>,
}

fn cmp_ci(a: &str, b: &str) -> Ordering {
    a.chars().flat_map(char::to_lowercase).cmp(b.chars().flat_map(char::to_lowercase))
}

fn line_at(mut pos: usize) -> (usize, &'static str) {
    while !DATA.is_char_boundary(pos) {
        pos -= 1;
    }
    let start = DATA[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = DATA[start..].find('\n').map_or(DATA.len(), |i| start + i);
    (start, &DATA[start..end])
}

fn parse_line(line: &'static str) -> Entry {
    let mut parts = line.split('\t');
    let name = parts.next().unwrap_or("");
    let kinds = Kinds::parse(parts.next().unwrap_or(""));
    let canonical = parts.next().filter(|c| !c.is_empty());
    Entry { name, kinds, canonical }
}

/// Looks `name` up, ignoring case. When several listed names differ only
/// in case, the one with the same case wins.
pub fn lookup(name: &str) -> Option<Entry> {
    if name.is_empty() || name.len() > 60 {
        return None;
    }
    let (mut lo, mut hi) = (0usize, DATA.len());
    // Invariant: the first line >= name starts in [lo, hi].
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let (start, line) = line_at(mid);
        let key = line.split('\t').next().unwrap_or("");
        match cmp_ci(key, name) {
            Ordering::Less => lo = start + line.len() + 1,
            _ => hi = start,
        }
    }
    // Scan the (few) lines equal ignoring case.
    let mut best: Option<Entry> = None;
    let mut pos = lo;
    while pos < DATA.len() {
        let (start, line) = line_at(pos);
        let entry = parse_line(line);
        if cmp_ci(entry.name, name) != Ordering::Equal {
            break;
        }
        if entry.name == name || best.is_none() {
            best = Some(entry);
        }
        pos = start + line.len() + 1;
    }
    best
}

/// Number of entries (for the README and tests).
pub fn len() -> usize {
    DATA.lines().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let kyiv = lookup("Kyiv").unwrap();
        assert!(kyiv.kinds.has(Kinds::CITY));
        assert_eq!(lookup("Kiev").unwrap().canonical, Some("Kyiv"));
        assert_eq!(lookup("KIEV").unwrap().canonical, Some("Kyiv"), "case-insensitive");
        assert_eq!(lookup("U.S.").unwrap().canonical, Some("United States"));
        assert!(lookup("Ukrainian").unwrap().kinds.has(Kinds::DEMONYM));
        assert!(lookup("Antony").unwrap().kinds.has(Kinds::MALE));
        assert!(lookup("New York").unwrap().kinds.has(Kinds::PLACE));
        assert!(lookup("zzzz-not-a-name").is_none());
        assert!(lookup("").is_none());
        // First and last lines are reachable.
        let first = DATA.lines().next().unwrap().split('\t').next().unwrap();
        let last = DATA.lines().last().unwrap().split('\t').next().unwrap();
        assert!(lookup(first).is_some() && lookup(last).is_some());
        assert!(len() > 30_000);
    }

    #[test]
    fn every_line_is_found() {
        for line in DATA.lines().step_by(97) {
            let name = line.split('\t').next().unwrap();
            assert!(lookup(name).is_some(), "{name}");
        }
    }
}
