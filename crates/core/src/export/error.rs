//! Why an import fails: its own module, so the format readers (`native`,
//! `w3c`) and the import entry point (`import`) all depend on it and not on
//! each other (issue 11: `import` and the readers formed a cycle).

use super::format::{FORMAT_VERSION, MAX_IMPORT_BYTES};
use crate::model::annotation::MAX_ANNOTATIONS;
use crate::text::numbers::{group_thousands, human_bytes};

/// Why a file cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge(usize),
    /// Not JSON at all (or not UTF-8).
    NotJson(String),
    /// Nested deeper than the parser allows.
    TooDeep,
    /// JSON, but not an annotation export; says what it looks like.
    NotAnExport(String),
    /// A Marginalia export from a newer version.
    NewerFormat(u64),
    /// Ours, but missing or malformed required parts.
    WrongShape(String),
    /// More annotations than a document may hold.
    TooMany(usize),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::TooLarge(n) => write!(f, "This file is {}; imports are limited to {}.", human_bytes(*n), human_bytes(MAX_IMPORT_BYTES)),
            ImportError::NotJson(why) => write!(f, "This file is not JSON ({why}). Import a Marginalia export (.json) or W3C Web Annotations (.jsonld)."),
            ImportError::TooDeep => write!(f, "This JSON is nested too deeply to be an annotation export."),
            ImportError::NotAnExport(what) => write!(f, "This is {what}, not an export of this app. Import a Marginalia export (.json) or W3C Web Annotations (.jsonld)."),
            ImportError::NewerFormat(v) => write!(f, "This file was created by a newer version of Marginalia (format {v}; this version reads up to {}). Update the app to import it.", FORMAT_VERSION),
            ImportError::WrongShape(why) => write!(f, "This Marginalia export is damaged: {why}. Nothing was imported."),
            ImportError::TooMany(n) => write!(f, "This file holds {} annotations; a document can hold at most {}.", group_thousands(*n), group_thousands(MAX_ANNOTATIONS)),
        }
    }
}

impl std::error::Error for ImportError {}
