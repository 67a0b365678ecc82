//! What our export files are called and how large an import may be: the
//! constants the readers, the writer and the error messages share, apart so
//! none of them depends on another for them (issue 11's cycle).

/// The format name in the `format` field.
pub const FORMAT: &str = "marginalia";
/// The version this build writes and the newest it reads.
pub const FORMAT_VERSION: u64 = 1;

/// Largest import file, in bytes.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;
