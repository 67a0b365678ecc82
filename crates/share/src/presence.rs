//! Who else is here, and where their selection is: Yjs awareness, the
//! presence protocol Hocuspocus relays (frame type 1). Each reader
//! announces a small JSON state under their client id with a clock; a
//! newer clock replaces an older one, `null` says they left. The server
//! drops a reader's state when their connection closes and tells the
//! others; a state not refreshed for [`STALE_MS`] is forgotten here too.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use yrs::block::ClientID;
use yrs::sync::awareness::{AwarenessUpdate, AwarenessUpdateEntry};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;

use crate::error::{ErrorKind, ShareError};

/// Longest name shown, in characters (longer ones are cut).
pub const MAX_NAME_CHARS: usize = 40;

/// Most other readers tracked in one room (more are not listed).
const MAX_PEERS: usize = 64;

/// A state not refreshed for this long is forgotten (y-protocols' 30 s);
/// readers refresh theirs every [`REFRESH_MS`].
pub const STALE_MS: f64 = 30_000.0;

/// How often a reader re-announces their state (y-protocols' 15 s): it
/// also keeps an idle connection open (the server closes one silent for
/// 60 s).
pub const REFRESH_MS: u32 = 15_000;

/// What a reader shows the others.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    /// The name they picked.
    pub name: String,
    /// Their selection in the article, in code points, when they have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection: Option<(usize, usize)>,
}

/// The readers in a room besides this one.
#[derive(Debug)]
pub struct Peers {
    me: u64,
    clock: u32,
    mine: Option<Presence>,
    /// Client id → (clock, state, when last heard, in ms).
    others: BTreeMap<u64, (u32, Presence, f64)>,
}

impl Peers {
    /// Nobody known yet; `me` is this reader's client id.
    pub fn new(me: u64) -> Peers {
        Peers { me, clock: 0, mine: None, others: BTreeMap::new() }
    }

    /// Sets this reader's state; returns the update to send.
    pub fn set_mine(&mut self, presence: Presence) -> Vec<u8> {
        let name: String = presence.name.trim().chars().take(MAX_NAME_CHARS).collect();
        self.mine = Some(Presence { name, ..presence });
        self.announce()
    }

    /// This reader's state again with a newer clock (a refresh), or `None`
    /// before one is set.
    pub fn announce_again(&mut self) -> Option<Vec<u8>> {
        self.mine.is_some().then(|| self.announce())
    }

    fn announce(&mut self) -> Vec<u8> {
        self.clock += 1;
        let json = self.mine.as_ref().and_then(|p| serde_json::to_string(p).ok()).unwrap_or_else(|| "null".into());
        let mut clients = std::collections::HashMap::new();
        clients.insert(ClientID::new(self.me), AwarenessUpdateEntry { clock: self.clock, json: Arc::from(json) });
        AwarenessUpdate { clients }.encode_v1()
    }

    /// Reads an awareness update from the room at time `now` (ms); true
    /// when the list of others changed.
    pub fn apply(&mut self, bytes: &[u8], now: f64) -> Result<bool, ShareError> {
        let update = AwarenessUpdate::decode_v1(bytes).map_err(|_| ShareError::new(ErrorKind::Protocol, "a damaged presence update arrived from the room"))?;
        let mut changed = false;
        for (client, entry) in update.clients {
            let id = client.get();
            if id == self.me {
                continue;
            }
            let known = self.others.get(&id).map(|(clock, _, _)| *clock);
            if known.is_some_and(|k| entry.clock < k) {
                continue;
            }
            match serde_json::from_str::<Option<Presence>>(&entry.json) {
                Ok(Some(mut p)) if self.others.len() < MAX_PEERS || known.is_some() => {
                    p.name = p.name.trim().chars().take(MAX_NAME_CHARS).collect();
                    changed |= self.others.get(&id).map(|(_, old, _)| old) != Some(&p);
                    self.others.insert(id, (entry.clock, p, now));
                }
                Ok(None) | Err(_) => changed |= self.others.remove(&id).is_some(),
                Ok(Some(_)) => {}
            }
        }
        Ok(changed)
    }

    /// Forgets states not refreshed since `now - STALE_MS`; true when any
    /// was.
    pub fn expire(&mut self, now: f64) -> bool {
        let before = self.others.len();
        self.others.retain(|_, (_, _, heard)| now - *heard <= STALE_MS);
        before != self.others.len()
    }

    /// Everybody forgotten (the connection closed: the server will tell
    /// again who is there).
    pub fn clear(&mut self) {
        self.others.clear();
    }

    /// The others, by name.
    pub fn others(&self) -> Vec<Presence> {
        let mut list: Vec<Presence> = self.others.values().map(|(_, p, _)| p.clone()).collect();
        list.sort_by(|a, b| a.name.cmp(&b.name));
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann() -> Presence {
        Presence { name: "Ann".into(), selection: Some((4, 9)) }
    }

    #[test]
    fn a_readers_state_reaches_another_and_a_newer_one_replaces_it() {
        let (mut a, mut b) = (Peers::new(1), Peers::new(2));
        let first = a.set_mine(ann());
        assert!(b.apply(&first, 0.0).unwrap());
        assert_eq!(b.others(), vec![ann()]);
        let second = a.set_mine(Presence { name: "Ann".into(), selection: None });
        assert!(b.apply(&second, 1.0).unwrap());
        assert!(!b.apply(&first, 2.0).unwrap(), "an older clock is ignored");
        assert_eq!(b.others()[0].selection, None);
        assert!(!a.apply(&second, 0.0).unwrap(), "one's own state is not a peer");
    }

    #[test]
    fn leaving_silence_and_a_closed_connection_forget_a_reader() {
        let (mut a, mut b) = (Peers::new(1), Peers::new(2));
        b.apply(&a.set_mine(ann()), 0.0).unwrap();
        assert!(!b.expire(STALE_MS));
        assert!(b.expire(STALE_MS + 1.0));
        b.apply(&a.announce_again().unwrap(), 0.0).unwrap();
        // y-protocols' "left": the same client with `null`.
        let mut left = std::collections::HashMap::new();
        left.insert(ClientID::new(1), AwarenessUpdateEntry { clock: 99, json: Arc::from("null") });
        assert!(b.apply(&AwarenessUpdate { clients: left }.encode_v1(), 1.0).unwrap());
        assert!(b.others().is_empty());
    }

    #[test]
    fn names_are_cut_and_damaged_updates_refused() {
        let (mut a, mut b) = (Peers::new(1), Peers::new(2));
        b.apply(&a.set_mine(Presence { name: format!("  {}  ", "x".repeat(100)), selection: None }), 0.0).unwrap();
        assert_eq!(b.others()[0].name.chars().count(), MAX_NAME_CHARS);
        assert_eq!(b.apply(&[0xff, 0xff], 0.0).unwrap_err().kind(), ErrorKind::Protocol);
        assert!(Peers::new(3).announce_again().is_none());
    }
}
