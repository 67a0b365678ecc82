//! [`InvalidValue`]: why a value typed by a reader or read from a file was
//! refused. Opaque, with an [`InvalidKind`] to branch on and a sentence to
//! show.

use std::fmt;

/// What kind of value was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidKind {
    /// An annotation or label ID.
    Id,
    /// A label colour.
    Color,
    /// A label name (empty, or too long).
    LabelName,
}

/// A refused value: its kind and a message a reader can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidValue {
    kind: InvalidKind,
    message: String,
}

impl InvalidValue {
    pub(crate) fn new(kind: InvalidKind, message: String) -> InvalidValue {
        InvalidValue { kind, message }
    }

    /// What kind of value was refused.
    pub fn kind(&self) -> InvalidKind {
        self.kind
    }
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InvalidValue {}

impl From<InvalidValue> for String {
    fn from(e: InvalidValue) -> String {
        e.message
    }
}
