//! Share links: the app's address with the server and the key in the
//! fragment, which browsers never send to any server.
//!
//! `https://app.example/#share=1&server=ws%3A%2F%2F127.0.0.1%3A1234&write=<key>`
//! (or `&read=<key>` for a read-only link). The server address is
//! percent-encoded; the key is base64url, which needs no encoding.

use crate::error::{ErrorKind, ShareError};
use crate::keys::{Access, Key};

/// The version of the fragment's layout.
const LINK_VERSION: &str = "1";

/// Longest server address accepted, in bytes.
const MAX_SERVER_LEN: usize = 512;

/// The server used when the reader names none: the one
/// `bash scripts/share-server.sh` starts.
pub const DEFAULT_SERVER: &str = "ws://127.0.0.1:1234";

/// Where a shared article lives and the key to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareLink {
    /// The Hocuspocus server, `ws://` or `wss://`.
    pub server: ServerUrl,
    /// The write or read key.
    pub key: Key,
}

/// A checked WebSocket address.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ServerUrl(String);

impl ServerUrl {
    /// Accepts `ws://host[:port][/path]` and `wss://…`; an `http(s)://`
    /// address is read as its WebSocket twin, since readers copy those.
    pub fn parse(s: &str) -> Result<ServerUrl, ShareError> {
        let s = s.trim();
        let bad = |why: &str| ShareError::new(ErrorKind::Link, format!("“{}” is not a server address: {why}", s.chars().take(60).collect::<String>()));
        let (scheme, rest) = s.split_once("://").ok_or_else(|| bad("it should start with ws:// or wss://"))?;
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "ws" | "http" => "ws",
            "wss" | "https" => "wss",
            _ => return Err(bad("it should start with ws:// or wss://")),
        };
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        if host.is_empty() || s.len() > MAX_SERVER_LEN || rest.contains('#') || rest.contains('@') {
            return Err(bad("it needs a host name and no user name or fragment"));
        }
        if !rest.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(bad("it may hold only plain ASCII characters"));
        }
        Ok(ServerUrl(format!("{scheme}://{rest}")))
    }

    /// The address to open a WebSocket on.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl ShareLink {
    /// The fragment (without `#`) that carries this link.
    pub fn fragment(&self) -> String {
        let field = match self.key.access() {
            Access::Write => "write",
            Access::Read => "read",
        };
        format!("share={LINK_VERSION}&server={}&{field}={}", percent_encode(self.server.as_str()), self.key.encoded())
    }

    /// The same room's read-only link.
    pub fn read_only(&self) -> ShareLink {
        ShareLink { server: self.server.clone(), key: self.key.read_key() }
    }

    /// Reads a fragment (with or without `#`); `Ok(None)` when it is no
    /// share link at all (an ordinary address), an error when it is one
    /// that cannot be read.
    pub fn from_fragment(fragment: &str) -> Result<Option<ShareLink>, ShareError> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let field = |name: &str| fragment.split('&').find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='));
        let Some(version) = field("share") else { return Ok(None) };
        if version != LINK_VERSION {
            return Err(ShareError::new(ErrorKind::Link, "this share link was made by a newer Marginalia: update the app to open it"));
        }
        let server = field("server").ok_or_else(|| ShareError::new(ErrorKind::Link, "the share link names no server: copy the whole link again"))?;
        let server = ServerUrl::parse(&percent_decode(server)?)?;
        let key = match (field("write"), field("read")) {
            (Some(w), _) => Key::decode(w, Access::Write)?,
            (None, Some(r)) => Key::decode(r, Access::Read)?,
            (None, None) => return Err(ShareError::new(ErrorKind::Link, "the share link holds no key: copy the whole link again")),
        };
        Ok(Some(ShareLink { server, key }))
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// Reverses [`percent_encode`]; malformed escapes are an error.
fn percent_decode(s: &str) -> Result<String, ShareError> {
    let bad = || ShareError::new(ErrorKind::Link, "the share link's server address is damaged: copy the whole link again");
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hex = [bytes.next().ok_or_else(bad)?, bytes.next().ok_or_else(bad)?];
            let hex = std::str::from_utf8(&hex).map_err(|_| bad())?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
        } else {
            out.push(b);
        }
    }
    String::from_utf8(out).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link() -> ShareLink {
        ShareLink { server: ServerUrl::parse(DEFAULT_SERVER).unwrap(), key: Key::write_from_random([7; 16]) }
    }

    #[test]
    fn a_link_survives_its_fragment_and_its_read_only_twin_cannot_write() {
        let l = link();
        let fragment = l.fragment();
        assert!(fragment.starts_with("share=1&server=ws%3A%2F%2F127.0.0.1%3A1234&write="), "{fragment}");
        assert_eq!(ShareLink::from_fragment(&format!("#{fragment}")).unwrap(), Some(l.clone()));
        let r = l.read_only();
        assert!(r.fragment().contains("&read="));
        let back = ShareLink::from_fragment(&r.fragment()).unwrap().unwrap();
        assert_eq!(back.key.access(), Access::Read);
        assert_eq!(back.key.room(), l.key.room());
    }

    #[test]
    fn fragments_table() {
        assert_eq!(ShareLink::from_fragment("").unwrap(), None);
        assert_eq!(ShareLink::from_fragment("#section-2").unwrap(), None);
        let key = link().key.encoded();
        for (fragment, says) in [
            (format!("share=2&server=ws%3A%2F%2Fa&write={key}"), "newer"),
            (format!("share=1&write={key}"), "no server"),
            ("share=1&server=ws%3A%2F%2Fa".to_string(), "no key"),
            (format!("share=1&server=ws%3A%2F%2Fa%2&write={key}"), "damaged"),
            (format!("share=1&server=ftp%3A%2F%2Fa&write={key}"), "ws://"),
            ("share=1&server=ws%3A%2F%2Fa&write=AAAA".to_string(), "length"),
            ("share=1&server=ws%3A%2F%2Fa&write=sh*rt".to_string(), "damaged"),
        ] {
            let err = ShareLink::from_fragment(&fragment).unwrap_err();
            assert!(err.to_string().contains(says), "{fragment}: {err}");
        }
    }

    #[test]
    fn server_addresses_table() {
        for (given, read) in [
            ("ws://127.0.0.1:1234", "ws://127.0.0.1:1234"),
            ("https://share.example/rooms", "wss://share.example/rooms"),
            (" WSS://h ", "wss://h"),
        ] {
            assert_eq!(ServerUrl::parse(given).unwrap().as_str(), read);
        }
        for bad in ["127.0.0.1:1234", "ws://", "ws://user@h", "ws://h#x", "ws://hé", "file:///x"] {
            assert!(ServerUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
