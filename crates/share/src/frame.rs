//! Hocuspocus' wire protocol (version 4): every WebSocket message is one
//! frame, `varString address ‖ varUint type ‖ payload`, in lib0's encoding.
//! The address is the document name (here a [`RoomName`]), optionally
//! followed by `\0` and a session id, which we never send.
//!
//! | type | name | payload |
//! |---|---|---|
//! | 0 | Sync | y-protocols sync: `varUint step ‖ varUint8Array` (0 state vector, 1 update answering it, 2 update) |
//! | 1 | Awareness | `varUint8Array` awareness update |
//! | 2 | Auth | to the server: `0 ‖ varString token`; from it: `0` (send your token), `1 ‖ varString reason` (denied), `2 ‖ varString scope` (`readonly` or `read-write`) |
//! | 3 | QueryAwareness | — |
//! | 4 | SyncReply | as Sync, but not answered by another state vector |
//! | 5 | Stateless | `varString` |
//! | 7 | Close | `varString reason` |
//! | 8 | SyncStatus | `varUint` 1 when the server applied our update, 0 when it refused it (read-only) |
//! | 9, 10 | Ping, Pong | — |
//!
//! Read from `@hocuspocus/server` 4.7 (`MessageReceiver.ts`,
//! `OutgoingMessage.ts`, `ClientConnection.ts`) and `@hocuspocus/common`
//! (`auth.ts`). The client sends its token first; frames for the room
//! before the server's answer are queued by the server.

use yrs::encoding::read::{Cursor, Read};
use yrs::encoding::write::Write;

use crate::error::{ErrorKind, ShareError};
use crate::keys::{Access, RoomName};

/// Message types (the second field of a frame).
mod kind {
    pub const SYNC: u32 = 0;
    pub const AWARENESS: u32 = 1;
    pub const AUTH: u32 = 2;
    pub const QUERY_AWARENESS: u32 = 3;
    pub const SYNC_REPLY: u32 = 4;
    pub const STATELESS: u32 = 5;
    pub const CLOSE: u32 = 7;
    pub const SYNC_STATUS: u32 = 8;
    pub const PING: u32 = 9;
    pub const PONG: u32 = 10;
}

/// Steps of the y-protocols sync message.
mod step {
    pub const STATE_VECTOR: u32 = 0;
    pub const ANSWER: u32 = 1;
    pub const UPDATE: u32 = 2;
}

/// Auth sub-messages.
mod auth {
    pub const TOKEN: u32 = 0;
    pub const DENIED: u32 = 1;
    pub const AUTHENTICATED: u32 = 2;
}

/// The scope the server names for a read-only connection.
const READ_ONLY_SCOPE: &str = "readonly";

/// Longest reason or stateless text read from a frame, in bytes.
const MAX_TEXT: usize = 4096;

/// The y-protocols sync message inside a Sync or SyncReply frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sync {
    /// "What I have": an encoded state vector (sync step 1).
    StateVector(Vec<u8>),
    /// "What you lack": an update answering a state vector (step 2).
    Answer(Vec<u8>),
    /// A change as it happens.
    Update(Vec<u8>),
}

/// A frame the server sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FromServer {
    /// A sync message; `reply` when it is a SyncReply (not to be answered
    /// with another state vector).
    Sync {
        /// The sync message.
        message: Sync,
        /// A SyncReply: answer it with no state vector of ours.
        reply: bool,
    },
    /// Others' presence.
    Awareness(Vec<u8>),
    /// The server asks for the token again.
    TokenRequested,
    /// The key was refused.
    Denied(String),
    /// The key was accepted with this access.
    Authenticated(Access),
    /// The server asks for our presence.
    QueryAwareness,
    /// An application message (unused by Marginalia; ignored).
    Stateless(String),
    /// The server closes the room for us.
    Close(String),
    /// Whether the server applied our last update.
    SyncStatus(bool),
    /// Keep-alive.
    Ping,
    /// Keep-alive answer.
    Pong,
}

/// A frame we send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ToServer {
    /// The key, first thing on a new connection.
    Token(String),
    /// A sync message.
    Sync(Sync),
    /// Our presence.
    Awareness(Vec<u8>),
    /// Keep-alive answer.
    Pong,
}

/// Encodes `message` for `room`.
pub fn encode(room: &RoomName, message: &ToServer) -> Vec<u8> {
    let mut out = Vec::new();
    out.write_string(room.as_str());
    match message {
        ToServer::Token(token) => {
            out.write_var(kind::AUTH);
            out.write_var(auth::TOKEN);
            out.write_string(token);
        }
        ToServer::Sync(sync) => {
            out.write_var(kind::SYNC);
            write_sync(&mut out, sync);
        }
        ToServer::Awareness(update) => {
            out.write_var(kind::AWARENESS);
            out.write_buf(update);
        }
        ToServer::Pong => out.write_var(kind::PONG),
    }
    out
}

fn write_sync(out: &mut Vec<u8>, sync: &Sync) {
    let (step, bytes) = match sync {
        Sync::StateVector(b) => (step::STATE_VECTOR, b),
        Sync::Answer(b) => (step::ANSWER, b),
        Sync::Update(b) => (step::UPDATE, b),
    };
    out.write_var(step);
    out.write_buf(bytes);
}

/// Reads a frame from the server: the room it is for and what it says.
/// Anything malformed is an error of kind [`ErrorKind::Protocol`], never
/// a panic.
pub fn decode(bytes: &[u8]) -> Result<(RoomName, FromServer), ShareError> {
    let bad = |what: &str| ShareError::new(ErrorKind::Protocol, format!("the sharing server sent a malformed frame ({what})"));
    let mut cur = Cursor::new(bytes);
    let address = cur.read_string().map_err(|_| bad("address"))?;
    let room = RoomName::parse(address.split('\0').next().unwrap_or(""))?;
    let kind: u32 = cur.read_var().map_err(|_| bad("type"))?;
    let message = match kind {
        kind::SYNC | kind::SYNC_REPLY => FromServer::Sync { message: read_sync(&mut cur).ok_or_else(|| bad("sync"))?, reply: kind == kind::SYNC_REPLY },
        kind::AWARENESS => FromServer::Awareness(cur.read_buf().map_err(|_| bad("awareness"))?.to_vec()),
        kind::AUTH => read_auth(&mut cur).ok_or_else(|| bad("auth"))?,
        kind::QUERY_AWARENESS => FromServer::QueryAwareness,
        kind::STATELESS => FromServer::Stateless(read_text(&mut cur).ok_or_else(|| bad("stateless"))?),
        kind::CLOSE => FromServer::Close(read_text(&mut cur).unwrap_or_default()),
        kind::SYNC_STATUS => FromServer::SyncStatus(cur.read_var::<u32>().map_err(|_| bad("sync status"))? == 1),
        kind::PING => FromServer::Ping,
        kind::PONG => FromServer::Pong,
        other => return Err(bad(&format!("unknown type {other}"))),
    };
    Ok((room, message))
}

fn read_sync(cur: &mut Cursor) -> Option<Sync> {
    let step: u32 = cur.read_var().ok()?;
    let bytes = cur.read_buf().ok()?.to_vec();
    match step {
        step::STATE_VECTOR => Some(Sync::StateVector(bytes)),
        step::ANSWER => Some(Sync::Answer(bytes)),
        step::UPDATE => Some(Sync::Update(bytes)),
        _ => None,
    }
}

fn read_auth(cur: &mut Cursor) -> Option<FromServer> {
    match cur.read_var::<u32>().ok()? {
        auth::TOKEN => Some(FromServer::TokenRequested),
        auth::DENIED => Some(FromServer::Denied(read_text(cur)?)),
        auth::AUTHENTICATED => {
            let scope = read_text(cur)?;
            Some(FromServer::Authenticated(if scope == READ_ONLY_SCOPE { Access::Read } else { Access::Write }))
        }
        _ => None,
    }
}

/// A bounded string; longer ones are cut at a character boundary.
fn read_text(cur: &mut Cursor) -> Option<String> {
    let s = cur.read_string().ok()?;
    let mut end = s.len().min(MAX_TEXT);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Some(s[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Key;

    fn room() -> RoomName {
        Key::write_from_random([1; 16]).room()
    }

    /// A frame as the server would write it.
    fn server_frame(kind: u32, payload: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
        let mut out = Vec::new();
        out.write_string(room().as_str());
        out.write_var(kind);
        payload(&mut out);
        out
    }

    #[test]
    fn the_token_frame_is_what_the_provider_sends() {
        // @hocuspocus/provider: writeVarString(name), writeVarUint(2),
        // writeVarUint(0), writeVarString(token).
        let frame = encode(&room(), &ToServer::Token("abc".into()));
        let mut want = vec![36];
        want.extend_from_slice(room().as_str().as_bytes());
        want.extend_from_slice(&[2, 0, 3, b'a', b'b', b'c']);
        assert_eq!(frame, want);
    }

    #[test]
    fn frames_from_the_server_table() {
        let cases: Vec<(Vec<u8>, FromServer)> = vec![
            (server_frame(2, |o| { o.write_var(2u32); o.write_string("readonly"); }), FromServer::Authenticated(Access::Read)),
            (server_frame(2, |o| { o.write_var(2u32); o.write_string("read-write"); }), FromServer::Authenticated(Access::Write)),
            (server_frame(2, |o| { o.write_var(1u32); o.write_string("permission-denied"); }), FromServer::Denied("permission-denied".into())),
            (server_frame(2, |o| o.write_var(0u32)), FromServer::TokenRequested),
            (server_frame(0, |o| { o.write_var(1u32); o.write_buf([9, 9]); }), FromServer::Sync { message: Sync::Answer(vec![9, 9]), reply: false }),
            (server_frame(4, |o| { o.write_var(0u32); o.write_buf([0]); }), FromServer::Sync { message: Sync::StateVector(vec![0]), reply: true }),
            (server_frame(8, |o| o.write_var(0u32)), FromServer::SyncStatus(false)),
            (server_frame(7, |o| o.write_string("bye")), FromServer::Close("bye".into())),
            (server_frame(9, |_| {}), FromServer::Ping),
        ];
        for (bytes, want) in cases {
            assert_eq!(decode(&bytes).unwrap(), (room(), want));
        }
    }

    #[test]
    fn malformed_frames_are_errors_not_panics() {
        let good = server_frame(0, |o| { o.write_var(2u32); o.write_buf([1, 2, 3, 4]); });
        for cut in 0..good.len() {
            assert_eq!(decode(&good[..cut]).unwrap_err().kind(), ErrorKind::Protocol, "cut at {cut}");
        }
        assert!(decode(&server_frame(42, |_| {})).is_err());
        assert!(decode(&server_frame(0, |o| { o.write_var(7u32); o.write_buf([1]); })).is_err());
        assert!(decode(&[0xff; 12]).is_err());
        let mut other = Vec::new();
        other.write_string("someone-elses-doc");
        other.write_var(0u32);
        assert!(decode(&other).is_err(), "not a Marginalia room");
    }
}
