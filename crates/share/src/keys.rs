//! Capability keys: who may read or write a shared article.
//!
//! A room is opened by a *write key*, 16 random bytes. Its *read key* is
//! derived from it by a one-way hash, and the room's name from the read key
//! by another:
//!
//! ```text
//! write key W (16 random bytes) ──SHA-256("marginalia-read-v1:" ‖ W)[..16]──► read key R
//! read key R ──SHA-256("marginalia-room-v1:" ‖ R)[..16], hex──► room "mg1.<32 hex>"
//! ```
//!
//! So a write link grants reading too, a read link cannot be turned into a
//! write link, and the room's name (which the server logs and sees in every
//! frame) grants nothing. The server keeps no secret at all: it checks a
//! token by hashing it (`scripts/share-keys.mjs` implements the same
//! derivation; both test the same vectors). Keys travel only in a link's
//! fragment and in the authentication frame, never in a URL the server
//! logs (shared/docs/design-notes.md, "Yjs/Hocuspocus").

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::fmt;

use crate::error::{ErrorKind, ShareError};

/// Bytes in a key: 128 bits, beyond guessing.
pub const KEY_BYTES: usize = 16;

/// Domain separation for deriving the read key from the write key.
const READ_CONTEXT: &[u8] = b"marginalia-read-v1:";

/// Domain separation for deriving the room's name from the read key.
const ROOM_CONTEXT: &[u8] = b"marginalia-room-v1:";

/// Prefix of every room name; the version of this derivation.
pub const ROOM_PREFIX: &str = "mg1.";

/// What a key lets its holder do in a room.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Access {
    /// See the annotations live; the server drops anything it sends.
    Read,
    /// Read and change the annotations.
    Write,
}

/// A key as it travels in a link: the write key, or only the read key.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Key {
    bytes: [u8; KEY_BYTES],
    access: Access,
}

impl fmt::Debug for Key {
    /// Never prints the secret: logs and panics must not leak it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key({:?} for {})", self.access, self.room())
    }
}

impl Key {
    /// A new room's write key from 16 random bytes (the shell reads them
    /// from the browser's `crypto.getRandomValues`).
    pub fn write_from_random(bytes: [u8; KEY_BYTES]) -> Key {
        Key { bytes, access: Access::Write }
    }

    /// Reads a key written by [`Key::encoded`] for the given access.
    pub fn decode(text: &str, access: Access) -> Result<Key, ShareError> {
        let raw = URL_SAFE_NO_PAD
            .decode(text.trim())
            .map_err(|_| ShareError::new(ErrorKind::Link, "the link's key is damaged: copy the whole link again"))?;
        let bytes: [u8; KEY_BYTES] =
            raw.try_into().map_err(|_| ShareError::new(ErrorKind::Link, "the link's key has the wrong length: copy the whole link again"))?;
        Ok(Key { bytes, access })
    }

    /// The key as base64url without padding (22 characters): what a link
    /// holds and the authentication frame sends.
    pub fn encoded(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.bytes)
    }

    /// What this key allows.
    pub fn access(&self) -> Access {
        self.access
    }

    /// The read key of the same room (itself when it is one).
    pub fn read_key(&self) -> Key {
        match self.access {
            Access::Read => self.clone(),
            Access::Write => Key { bytes: derive(READ_CONTEXT, &self.bytes), access: Access::Read },
        }
    }

    /// The room this key opens.
    pub fn room(&self) -> RoomName {
        let read = self.read_key();
        let digest = derive(ROOM_CONTEXT, &read.bytes);
        RoomName(format!("{ROOM_PREFIX}{}", digest.iter().map(|b| format!("{b:02x}")).collect::<String>()))
    }
}

/// The first [`KEY_BYTES`] of SHA-256(`context` ‖ `bytes`).
fn derive(context: &[u8], bytes: &[u8]) -> [u8; KEY_BYTES] {
    let digest = Sha256::new().chain_update(context).chain_update(bytes).finalize();
    let mut out = [0u8; KEY_BYTES];
    out.copy_from_slice(&digest[..KEY_BYTES]);
    out
}

/// A room's name: `mg1.` and 32 hex digits. It is the Hocuspocus document
/// name and grants nothing by itself.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RoomName(String);

impl RoomName {
    /// Accepts exactly what [`Key::room`] makes.
    pub fn parse(s: &str) -> Result<RoomName, ShareError> {
        let hex = s.strip_prefix(ROOM_PREFIX).unwrap_or("");
        if hex.len() == 2 * KEY_BYTES && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            Ok(RoomName(s.to_string()))
        } else {
            Err(ShareError::new(ErrorKind::Protocol, "not a Marginalia room name"))
        }
    }

    /// The name as sent in every frame.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RoomName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector_key() -> Key {
        let mut bytes = [0u8; KEY_BYTES];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = i as u8;
        }
        Key::write_from_random(bytes)
    }

    #[test]
    fn derivation_vectors_match_the_servers() {
        // The same vectors are checked by tests/share/keys.test.mjs against
        // scripts/share-keys.mjs: client and server must agree bit for bit.
        let w = vector_key();
        assert_eq!(w.encoded(), "AAECAwQFBgcICQoLDA0ODw");
        let r = w.read_key();
        assert_eq!(r.access(), Access::Read);
        assert_eq!(w.room(), r.room());
        assert_eq!(r.encoded(), READ_VECTOR);
        assert_eq!(w.room().as_str(), ROOM_VECTOR);
    }

    /// The read key of the vector write key 00 01 … 0f.
    pub(crate) const READ_VECTOR: &str = "4EqBeySJc4xd2lLmQu99EA";
    /// Its room.
    pub(crate) const ROOM_VECTOR: &str = "mg1.f1985fe067ceb466d599036245ac78cc";

    #[test]
    fn a_read_key_never_yields_the_write_key_and_names_the_same_room() {
        let w = vector_key();
        let r = Key::decode(&w.read_key().encoded(), Access::Read).unwrap();
        assert_ne!(r.encoded(), w.encoded());
        assert_eq!(r.read_key(), r);
        assert_eq!(r.room(), w.room());
        assert!(RoomName::parse(r.room().as_str()).is_ok());
    }

    #[test]
    fn damaged_keys_and_names_are_refused_with_a_reason() {
        for bad in ["", "AAECAwQFBgcICQoLDA0O", "AAECAwQFBgcICQoLDA0ODw==", "!!!!", "AAECAwQFBgcICQoLDA0ODwAA"] {
            let err = Key::decode(bad, Access::Write).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Link, "{bad}");
            assert!(err.to_string().contains("link"), "{err}");
        }
        for bad in ["", "mg1.", "mg1.ABCDEF0123456789abcdef0123456789", "mg2.0123456789abcdef0123456789abcdef", "mg1.0123"] {
            assert!(RoomName::parse(bad).is_err(), "{bad}");
        }
        assert!(!format!("{:?}", vector_key()).contains("AAECAw"), "Debug leaks the key");
    }
}
