//! Text in, canonical text out: everything Marginalia knows about raw article
//! text before any annotation or analysis touches it.
//!
//! - [`normalize()`]: the one canonicalisation every input goes through (BOM,
//!   line endings, Unicode NFC), so paste and file of one article match.
//! - [`hash`]: the document identity, a hash of the canonical text.
//! - [`offsets`]: the only place that converts between offset units
//!   (UTF-8 bytes, UTF-16 code units, code points) and snaps to graphemes.
//! - [`html`] and [`markdown`]: reduce markup to readable plain text.
//! - [`layout`]: split canonical text into title, paragraphs, embedded posts
//!   and media placeholders for display.
//! - [`numbers`]: sizes and counts written for people.
//! - [`shingle`]: paragraph fingerprints, which remember where a passage
//!   sits for re-anchoring.
//!
//! Decoding files and building documents from text is `crate::ingest`, one
//! layer up: it needs `crate::model`, which needs this module.
//!
//! This module is pure Rust: no browser crates (see ARCHITECTURE.md).

pub mod hash;
pub mod html;
pub mod layout;
pub mod markdown;
pub mod normalize;
pub mod numbers;
pub mod offsets;
pub mod search;
pub mod shingle;

pub use hash::DocHash;

/// The longest article (in code points, after reduction) the app accepts:
/// 500,000 characters, about 80,000 words.
pub const MAX_TEXT_CHARS: usize = 500_000;
pub use normalize::normalize;
pub use offsets::{ByteRange, CharRange, IndexedText, Utf16Range};
