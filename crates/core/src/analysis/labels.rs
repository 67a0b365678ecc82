//! Name labels: the BILOU label set, name types and parts, and turning a
//! label sequence into names. Shared by the tagger, its second pass
//! ([`super::history`]) and training; depends on nothing else.

/// The BILOU labels, in model order: `O`, then for each type its four
/// parts (see [`Part`]).
pub const LABELS: [&str; 17] = [
    "O", "B-PER", "I-PER", "L-PER", "U-PER", "B-LOC", "I-LOC", "L-LOC", "U-LOC", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "B-MISC",
    "I-MISC", "L-MISC", "U-MISC",
];
/// Number of labels.
pub const L: usize = LABELS.len();

/// A name type.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameType {
    /// A person.
    Person,
    /// A country, city, region…
    Place,
    /// An organisation.
    Org,
    /// Nationalities, events, agreements and other names.
    Misc,
}

/// Where a token sits in a name.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// First word of a longer name.
    Begin = 0,
    /// A middle word.
    Inside = 1,
    /// Last word of a longer name.
    Last = 2,
    /// A one-word name.
    Unit = 3,
}

const TYPES: [NameType; 4] = [NameType::Person, NameType::Place, NameType::Org, NameType::Misc];
const PARTS: [Part; 4] = [Part::Begin, Part::Inside, Part::Last, Part::Unit];

impl NameType {
    /// The type of a label index (`None` for `O`).
    pub fn of_label(label: usize) -> Option<NameType> {
        (label > 0).then(|| TYPES.get((label - 1) / 4).copied()).flatten()
    }

    /// The label index of this type's `part`.
    pub fn label(self, part: Part) -> usize {
        1 + 4 * self as usize + part as usize
    }
}

/// The part of a label index (`None` for `O`).
pub fn part_of(label: usize) -> Option<Part> {
    (label > 0 && label < L).then(|| PARTS[(label - 1) % 4])
}

/// A recognised name: token range `[first, last]` (inclusive) and type.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct NameSpan {
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// Type.
    pub kind: NameType,
}

/// Turns a label sequence (of tokens `offset..`) into spans.
pub fn spans_of(labels: &[usize], offset: usize) -> Vec<NameSpan> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        let Some(kind) = NameType::of_label(labels[i]) else {
            i += 1;
            continue;
        };
        // A name runs from its first label to its `L` (or is one `U`);
        // a malformed run ends where the type or the name does.
        let mut j = i + 1;
        if part_of(labels[i]) == Some(Part::Begin) {
            while j < labels.len() && labels[j] == kind.label(Part::Inside) {
                j += 1;
            }
            if j < labels.len() && labels[j] == kind.label(Part::Last) {
                j += 1;
            }
        }
        out.push(NameSpan { first: offset + i, last: offset + j - 1, kind });
        i = j;
    }
    out
}
