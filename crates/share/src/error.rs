//! The one error type of sharing: an opaque value with a kind to match on
//! and a message a reader can act on.

use std::fmt;

/// What went wrong, for callers that react differently to each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A share link (or its key or server address) cannot be read.
    Link,
    /// A frame from the network is malformed or not for us.
    Protocol,
    /// The server refused the key.
    Denied,
    /// The shared state does not fit the article (another text, a damaged
    /// update) or the saved state cannot be read.
    State,
}

/// An error while sharing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareError {
    kind: ErrorKind,
    message: String,
}

impl ShareError {
    /// An error of `kind` saying `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> ShareError {
        ShareError { kind, message: message.into() }
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ShareError {}
