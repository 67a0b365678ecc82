//! Place, nationality and first-name lists, generated from public data
//! packages by `scripts/gazetteer.py` (sources and licences in README.md).
//!
//! The list is sorted text (`name<TAB>kinds[<TAB>canonical]`, sorted by
//! lowercased name), embedded front-coded (`front_coding`) and decoded once
//! on first use, then searched in place by binary search over line
//! boundaries. The line table is found on first use by one scan for
//! newlines (about a millisecond in the browser); a precomputed table would
//! cost 27 KB of the gzipped download for that millisecond.
//!
//! Two tiers of first names: the main list's (`M`, `F`), which the name
//! tagger was trained with, and a supplement (`m`, `f`) read only by the
//! naming rules ([`Kinds::TAGGER`], [`Kinds::GENDERED`]).

use std::cmp::Ordering;
use std::sync::OnceLock;

/// The list, front-coded by `build.rs` (`front_coding`).
static CODED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.fc"));

/// The list as `data/gazetteer.txt` holds it, decoded on first use (a
/// damaged embedding, which the tests rule out, reads as an empty list).
pub(crate) fn data() -> &'static str {
    static DATA: OnceLock<String> = OnceLock::new();
    DATA.get_or_init(|| super::front_coding::decode(CODED, b"\n").unwrap_or_default())
}

/// Byte offset of every line (and one past the end), built on first use.
/// Builds the lookup tables now (they are otherwise built on first use).
pub fn warm_up() {
    offsets();
    groups();
}

fn offsets() -> &'static [u32] {
    static OFFSETS: OnceLock<Vec<u32>> = OnceLock::new();
    OFFSETS.get_or_init(|| {
        let data = data();
        let mut v = Vec::with_capacity(data.len() / 16);
        v.push(0);
        v.extend(data.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i as u32 + 1));
        if !data.ends_with('\n') {
            v.push(data.len() as u32 + 1);
        }
        v
    })
}

fn line_count() -> usize {
    offsets().len() - 1
}

/// The first byte of the lower-cased first character of `s`: lines are
/// grouped by it, so a lookup only searches its group.
fn group_byte(s: &str) -> u8 {
    let Some(c) = s.chars().next() else { return 0 };
    let mut buf = [0u8; 4];
    let lower = c.to_lowercase().next().unwrap_or(c);
    lower.encode_utf8(&mut buf).as_bytes()[0]
}

/// For each group byte, the first line of its group (257 entries). Lines
/// are sorted, so each boundary is found by binary search: a few thousand
/// group computations instead of one per line.
fn groups() -> &'static [u32] {
    static GROUPS: OnceLock<Vec<u32>> = OnceLock::new();
    GROUPS.get_or_init(|| {
        let n = line_count();
        (0..=256usize)
            .map(|b| {
                let (mut lo, mut hi) = (0usize, n);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if (group_byte(name_of(line(mid))) as usize) < b {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                lo as u32
            })
            .collect()
    })
}

fn line(k: usize) -> &'static str {
    let o = offsets();
    let (start, end) = (o[k] as usize, o[k + 1] as usize - 1);
    data().get(start..end).unwrap_or("")
}

fn name_of(line: &'static str) -> &'static str {
    match line.as_bytes().iter().position(|&b| b == b'\t') {
        Some(i) => &line[..i],
        None => line,
    }
}

/// What a gazetteer name is (bit flags).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Kinds(pub u16);

impl Kinds {
    /// A country.
    pub const COUNTRY: u16 = 1;
    /// A city or town.
    pub const CITY: u16 = 2;
    /// A state or province.
    pub const STATE: u16 = 4;
    /// A region or continent.
    pub const REGION: u16 = 8;
    /// A nationality or demonym.
    pub const DEMONYM: u16 = 16;
    /// A male first name of the main list.
    pub const MALE: u16 = 32;
    /// A female first name of the main list.
    pub const FEMALE: u16 = 64;
    /// An organisation (a listed company).
    pub const ORG: u16 = 128;
    /// A male first name of the supplementary list (`m`: the commonest
    /// census names the main list lacks, `Donald`). The naming rules read
    /// it; the tagger's features do not ([`Kinds::TAGGER`]), nor does the
    /// speakers' pronoun resolution ([`Kinds::GENDERED`]).
    pub const MORE_MALE: u16 = 256;
    /// A female first name of the supplementary list (`f`).
    pub const MORE_FEMALE: u16 = 512;
    /// First names whose gender pronoun resolution trusts: the main
    /// list's. The supplement's `Clinton` is a man's first name in the 1990
    /// census, and the surname of the woman `she` refers to in the news.
    pub const GENDERED: u16 = Self::MALE | Self::FEMALE;
    /// The kinds the name tagger's features read: those it was trained
    /// with. Names added to the gazetteer later, read by the tagger,
    /// would need both models retrained, and a retraining moves a hundred
    /// names either way on dev for reasons of its own (docs/names.md,
    /// "First names the Moby list lacks"); the rules gain them at once.
    pub const TAGGER: u16 = 0xff;
    /// Any place kind.
    pub const PLACE: u16 = Self::COUNTRY | Self::CITY | Self::STATE | Self::REGION;
    /// Any first name, of either list.
    pub const FIRST_NAME: u16 = Self::MALE | Self::FEMALE | Self::MORE_MALE | Self::MORE_FEMALE;

    /// True when any of `mask` is set.
    pub fn has(self, mask: u16) -> bool {
        self.0 & mask != 0
    }

    /// The kinds the tagger's features read, as the byte they hash.
    pub fn for_tagger(self) -> u8 {
        (self.0 & Self::TAGGER) as u8
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
                b'O' => Self::ORG,
                b'm' => Self::MORE_MALE,
                b'f' => Self::MORE_FEMALE,
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
    // ASCII bytes compare directly; at the first non-ASCII byte the rest is
    // compared as lower-cased characters.
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < x.len() && i < y.len() {
        let (p, q) = (x[i], y[i]);
        if p >= 0x80 || q >= 0x80 {
            return a[i..].chars().flat_map(char::to_lowercase).cmp(b[i..].chars().flat_map(char::to_lowercase));
        }
        match p.to_ascii_lowercase().cmp(&q.to_ascii_lowercase()) {
            Ordering::Equal => i += 1,
            other => return other,
        }
    }
    x.len().cmp(&y.len())
}

/// True when `line`'s name starts with `prefix` (ignoring case).
fn starts_with_ci(name: &str, prefix: &str) -> bool {
    if name.len() < prefix.len() {
        return false;
    }
    match name.get(..prefix.len()) {
        Some(head) => cmp_ci(head, prefix) == Ordering::Equal,
        None => false,
    }
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
    lookup_with_extension(name).0
}

/// Looks `name` up and also tells whether any longer entry starts with
/// `name` (so multi-word lookups can stop early).
pub fn lookup_with_extension(name: &str) -> (Option<Entry>, bool) {
    if name.is_empty() || name.len() > 60 {
        return (None, false);
    }
    let n = line_count();
    // First line whose name is >= `name` ignoring case, within the group of
    // names starting like it.
    let g = groups();
    let b = group_byte(name) as usize;
    let (mut lo, mut hi) = (g[b] as usize, (g[b + 1] as usize).max(g[b] as usize));
    while lo < hi {
        let mid = (lo + hi) / 2;
        if cmp_ci(name_of(line(mid)), name) == Ordering::Less {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let mut best: Option<Entry> = None;
    let mut k = lo;
    while k < n {
        let entry = parse_line(line(k));
        if cmp_ci(entry.name, name) != Ordering::Equal {
            break;
        }
        if entry.name == name || best.is_none() {
            best = Some(entry);
        }
        k += 1;
    }
    // Lines sort by lower-cased name, so longer names starting with `name`
    // follow within a few lines.
    let mut extends = false;
    for j in k..(k + 64).min(n) {
        let other = name_of(line(j));
        if !starts_with_ci(other, name) {
            break;
        }
        if other.len() > name.len() {
            extends = true;
            break;
        }
    }
    (best, extends)
}

/// Number of entries (for the README and tests).
pub fn len() -> usize {
    line_count()
}

#[cfg(test)]
#[path = "gazetteer_tests.rs"]
mod tests;
