//! One connection to a room, as a state machine with no I/O: the shell
//! feeds it what the WebSocket does (opened, a frame, closed) and what the
//! reader changed, and sends the frames it returns.
//!
//! ```text
//! Offline ──opened──► Authenticating ──Authenticated──► Syncing ──answer──► Live
//!    ▲                      │ Denied                                        │
//!    └────closed────────────┴──────────► Denied (no retry: the key is wrong) ┘
//! ```
//!
//! Offline first: a change made while offline is only counted; the sync
//! steps of the next connection carry everything the server lacks, so
//! nothing is queued twice and hours of changes go in one answer.

use std::collections::VecDeque;

use crate::error::{ErrorKind, ShareError};
use crate::frame::{self, FromServer, Sync, ToServer};
use crate::keys::{Access, Key, RoomName};
use crate::model::SharedDoc;
use crate::presence::{Peers, Presence};

/// Where the connection is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// No connection (never opened, lost, or closed by the server).
    Offline,
    /// Connected; the key is being checked.
    Authenticating,
    /// The key was accepted; the first exchange is under way.
    Syncing(Access),
    /// In step with the room; changes go out as they are made.
    Live(Access),
    /// The server refused the key (its reason). Reconnecting will not help.
    Denied(String),
}

/// What the toolbar shows of the room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// Where the connection is.
    pub phase: Phase,
    /// Local changes the server has not confirmed yet.
    pub waiting: usize,
    /// Local changes the server refused (a read-only link's).
    pub refused: usize,
}

/// What one event asks of the shell.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Step {
    /// Frames to send, in order.
    pub send: Vec<Vec<u8>>,
    /// The shared document changed: read it again.
    pub changed: bool,
    /// Who else is here, or where their selection is, changed.
    pub presence: bool,
}

/// One reader's connection to one room.
#[derive(Debug)]
pub struct Session {
    key: Key,
    room: RoomName,
    phase: Phase,
    waiting: usize,
    refused: usize,
    /// For each frame of ours the server has yet to confirm, the changes it
    /// carries (Hocuspocus confirms each with a SyncStatus, in order).
    in_flight: VecDeque<usize>,
    /// The other readers here.
    peers: Peers,
    /// The time of the last [`Session::refresh`], in ms.
    now: f64,
}

impl Session {
    /// A session for `key`'s room, offline; `me` is this copy's client
    /// id ([`SharedDoc::client_id`]), under which its presence is shown.
    pub fn new(key: Key, me: u64) -> Session {
        let room = key.room();
        Session { key, room, phase: Phase::Offline, waiting: 0, refused: 0, in_flight: VecDeque::new(), peers: Peers::new(me), now: 0.0 }
    }

    /// The other readers here, by name.
    pub fn others(&self) -> Vec<Presence> {
        self.peers.others()
    }

    /// Shows the others this reader's name and selection.
    pub fn set_presence(&mut self, presence: Presence) -> Step {
        let update = self.peers.set_mine(presence);
        self.awareness(update)
    }

    /// Every [`crate::presence::REFRESH_MS`]: this reader's presence again
    /// (which also keeps the connection open), and others not heard from
    /// for too long forgotten. `now` in ms.
    pub fn refresh(&mut self, now: f64) -> Step {
        self.now = now;
        let presence = self.peers.expire(now);
        let mut step = self.peers.announce_again().map(|u| self.awareness(u)).unwrap_or_default();
        step.presence = presence;
        step
    }

    /// The time now, in ms, for what arrives next (presence is dated by
    /// it); call before [`Session::received`].
    pub fn tick(&mut self, now: f64) {
        self.now = now;
    }

    /// An awareness update, sent when connected.
    fn awareness(&self, update: Vec<u8>) -> Step {
        match self.access() {
            Some(_) => Step { send: vec![self.encode(&ToServer::Awareness(update))], ..Step::default() },
            None => Step::default(),
        }
    }

    /// The room.
    pub fn room(&self) -> &RoomName {
        &self.room
    }

    /// The toolbar's view of the connection.
    pub fn status(&self) -> Status {
        Status { phase: self.phase.clone(), waiting: self.waiting, refused: self.refused }
    }

    /// The WebSocket opened: send the key, then what we have (the server
    /// queues the second until the key is checked).
    pub fn opened(&mut self, doc: &SharedDoc) -> Step {
        self.phase = Phase::Authenticating;
        self.in_flight.clear();
        let send = vec![self.encode(&ToServer::Token(self.key.encoded())), self.encode(&ToServer::Sync(Sync::StateVector(doc.state_vector())))];
        Step { send, ..Step::default() }
    }

    /// The WebSocket closed or failed: offline, changes kept for the next
    /// connection (unless the key was refused).
    pub fn closed(&mut self) {
        self.in_flight.clear();
        self.peers.clear();
        if !matches!(self.phase, Phase::Denied(_)) {
            self.phase = Phase::Offline;
        }
    }

    /// The reader changed the shared document (`update` from
    /// [`SharedDoc::apply_local`]): send it now when live, else count it.
    pub fn local_update(&mut self, update: Vec<u8>) -> Step {
        if update.is_empty() {
            return Step::default();
        }
        self.waiting += 1;
        if self.phase != Phase::Live(Access::Write) {
            return Step::default();
        }
        self.in_flight.push_back(1);
        Step { send: vec![self.encode(&ToServer::Sync(Sync::Update(update)))], ..Step::default() }
    }

    /// A frame arrived from the server.
    pub fn received(&mut self, doc: &SharedDoc, bytes: &[u8]) -> Result<Step, ShareError> {
        let (room, message) = frame::decode(bytes)?;
        if room != self.room {
            return Err(ShareError::new(ErrorKind::Protocol, "the sharing server sent a frame for another room"));
        }
        let mut step = Step::default();
        match message {
            FromServer::Authenticated(access) => {
                self.phase = Phase::Syncing(access);
                step.send.extend(self.peers.announce_again().map(|u| self.encode(&ToServer::Awareness(u))));
            }
            FromServer::Denied(reason) => self.phase = Phase::Denied(reason),
            FromServer::TokenRequested => step.send.push(self.encode(&ToServer::Token(self.key.encoded()))),
            FromServer::Sync { message, .. } => self.sync(doc, message, &mut step)?,
            FromServer::SyncStatus(applied) => self.confirmed(applied),
            FromServer::Ping => step.send.push(self.encode(&ToServer::Pong)),
            FromServer::Close(_) => self.closed(),
            FromServer::Awareness(update) => step.presence = self.peers.apply(&update, self.now)?,
            FromServer::QueryAwareness => step.send.extend(self.peers.announce_again().map(|u| self.encode(&ToServer::Awareness(u)))),
            FromServer::Stateless(_) | FromServer::Pong => {}
        }
        Ok(step)
    }

    fn sync(&mut self, doc: &SharedDoc, message: Sync, step: &mut Step) -> Result<(), ShareError> {
        match message {
            Sync::StateVector(sv) => {
                // Only a writer's answer can carry changes the server keeps.
                if self.access() == Some(Access::Write) {
                    let pending = self.waiting - self.in_flight.iter().sum::<usize>();
                    self.in_flight.push_back(pending);
                    step.send.push(self.encode(&ToServer::Sync(Sync::Answer(doc.diff_since(&sv)?))));
                }
            }
            Sync::Answer(update) => {
                doc.apply_update(&update)?;
                step.changed = true;
                if let Phase::Syncing(access) = self.phase {
                    self.phase = Phase::Live(access);
                }
            }
            Sync::Update(update) => {
                doc.apply_update(&update)?;
                step.changed = true;
            }
        }
        Ok(())
    }

    /// The server's SyncStatus for our oldest unconfirmed frame.
    fn confirmed(&mut self, applied: bool) {
        let Some(count) = self.in_flight.pop_front() else { return };
        self.waiting -= count.min(self.waiting);
        if !applied {
            self.refused += count;
        }
    }

    fn access(&self) -> Option<Access> {
        match self.phase {
            Phase::Syncing(a) | Phase::Live(a) => Some(a),
            _ => None,
        }
    }

    fn encode(&self, message: &ToServer) -> Vec<u8> {
        frame::encode(&self.room, message)
    }
}
