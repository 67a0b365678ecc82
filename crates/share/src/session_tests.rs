//! Sessions against a stand-in for Hocuspocus that answers as its
//! `MessageReceiver` does (the real server is tested in
//! tests/share/*.test.mjs, with this crate's client in cli.test.mjs).

use marginalia_core::model::{DocData, Document};
use yrs::encoding::read::{Cursor, Read};
use yrs::encoding::write::Write;

use crate::keys::{Access, Key};
use crate::model::SharedDoc;
use crate::presence::Peers;
use crate::session::{Phase, Session, Step};

/// The room as the server holds it.
struct Server {
    doc: SharedDoc,
    write_key: Key,
}

/// A server frame: address, type, payload.
fn frame(room: &str, kind: u32, payload: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut out = Vec::new();
    out.write_string(room);
    out.write_var(kind);
    payload(&mut out);
    out
}

impl Server {
    /// Answers one client frame; `read_only` is that client's access once
    /// known. Returns (frames to that client, frames to everyone else).
    fn handle(&self, bytes: &[u8], access: &mut Option<Access>) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
        let room = self.write_key.room();
        let room = room.as_str();
        let mut cur = Cursor::new(bytes);
        let _address = cur.read_string().unwrap();
        match cur.read_var::<u32>().unwrap() {
            2 => {
                let _token_kind: u32 = cur.read_var().unwrap();
                let token = cur.read_string().unwrap();
                let granted = [(self.write_key.encoded(), Access::Write), (self.write_key.read_key().encoded(), Access::Read)].into_iter().find(|(k, _)| k == token);
                match granted {
                    Some((_, a)) => {
                        *access = Some(a);
                        let scope = if a == Access::Read { "readonly" } else { "read-write" };
                        (vec![frame(room, 2, |o| { o.write_var(2u32); o.write_string(scope); })], vec![])
                    }
                    None => (vec![frame(room, 2, |o| { o.write_var(1u32); o.write_string("permission-denied"); })], vec![]),
                }
            }
            0 => {
                let step: u32 = cur.read_var().unwrap();
                let payload = cur.read_buf().unwrap().to_vec();
                match step {
                    0 => {
                        let answer = self.doc.diff_since(&payload).unwrap();
                        let ours = self.doc.state_vector();
                        (vec![frame(room, 0, |o| { o.write_var(1u32); o.write_buf(&answer); }), frame(room, 4, |o| { o.write_var(0u32); o.write_buf(&ours); })], vec![])
                    }
                    _ if *access == Some(Access::Read) => (vec![frame(room, 8, |o| o.write_var(0u32))], vec![]),
                    _ => {
                        self.doc.apply_update(&payload).unwrap();
                        let broadcast = frame(room, 0, |o| { o.write_var(2u32); o.write_buf(&payload); });
                        (vec![frame(room, 8, |o| o.write_var(1u32))], vec![broadcast])
                    }
                }
            }
            other => panic!("unexpected frame type {other}"),
        }
    }
}

/// A reader with a session and a connection to the stand-in.
struct Client {
    doc: SharedDoc,
    session: Session,
    shown: DocData,
    access: Option<Access>,
    online: bool,
}

impl Client {
    fn new(id: u64, key: Key) -> Client {
        Client { doc: SharedDoc::new(id), session: Session::new(key, id), shown: DocData::default(), access: None, online: false }
    }
}

/// Delivers frames until nothing moves: the sends of every online client
/// to the server, and the server's answers and broadcasts.
fn run(server: &Server, clients: &mut [Client], mut outbox: Vec<(usize, Vec<u8>)>) {
    while !outbox.is_empty() {
        let (from, bytes) = outbox.remove(0);
        if !clients[from].online {
            continue;
        }
        let (reply, broadcast) = server.handle(&bytes, &mut clients[from].access);
        deliver(&mut clients[from], from, reply, &mut outbox);
        for to in (0..clients.len()).filter(|&to| to != from) {
            if clients[to].online && clients[to].access.is_some() {
                deliver(&mut clients[to], to, broadcast.clone(), &mut outbox);
            }
        }
    }
}

/// Hands `frames` to client `c` (number `to`); what it sends goes out.
fn deliver(c: &mut Client, to: usize, frames: Vec<Vec<u8>>, outbox: &mut Vec<(usize, Vec<u8>)>) {
    for f in frames {
        let Step { send, changed, .. } = c.session.received(&c.doc, &f).unwrap();
        outbox.extend(send.into_iter().map(|s| (to, s)));
        if changed {
            c.shown = c.doc.materialize().data;
        }
    }
}

fn connect(server: &Server, clients: &mut [Client], i: usize) {
    clients[i].online = true;
    let step = clients[i].session.opened(&clients[i].doc);
    run(server, clients, step.send.into_iter().map(|s| (i, s)).collect());
}

fn change(server: &Server, clients: &mut [Client], i: usize, f: impl FnOnce(&mut DocData)) {
    let c = &mut clients[i];
    let before = c.shown.clone();
    f(&mut c.shown);
    let update = c.doc.apply_local(&before, &c.shown);
    let step = c.session.local_update(update);
    run(server, clients, step.send.into_iter().map(|s| (i, s)).collect());
}

fn note(clients: &[Client], i: usize) -> Vec<String> {
    clients[i].shown.annotations.iter().map(|a| a.note.clone()).collect()
}

fn annotation(id: &str, note: &str) -> std::rc::Rc<marginalia_core::model::Annotation> {
    let doc = Document::from_raw("A title\n\nThe council met on Monday.", None);
    let target = marginalia_core::model::Target::describe(&doc, marginalia_core::text::CharRange::new(13, 20)).unwrap();
    let label = marginalia_core::model::LabelId::parse("note").unwrap();
    std::rc::Rc::new(marginalia_core::model::Annotation { id: marginalia_core::model::AnnotationId::parse(id).unwrap(), target, label, note: note.into(), created: Default::default(), updated: Default::default() })
}

#[test]
fn a_writer_and_a_viewer_follow_the_room_and_the_viewer_changes_nothing() {
    let key = Key::write_from_random([3; 16]);
    let server = Server { doc: SharedDoc::new(100), write_key: key.clone() };
    let mut clients = vec![Client::new(1, key.clone()), Client::new(2, key.read_key())];
    connect(&server, &mut clients, 0);
    assert_eq!(clients[0].session.status().phase, Phase::Live(Access::Write));
    change(&server, &mut clients, 0, |d| d.annotations.push(annotation("a1", "from the writer")));
    assert_eq!(clients[0].session.status().waiting, 0, "confirmed");
    connect(&server, &mut clients, 1);
    assert_eq!(clients[1].session.status().phase, Phase::Live(Access::Read));
    assert_eq!(note(&clients, 1), ["from the writer"]);
    change(&server, &mut clients, 0, |d| std::rc::Rc::make_mut(&mut d.annotations[0]).note.push_str(", edited"));
    assert_eq!(note(&clients, 1), ["from the writer, edited"], "live");
    change(&server, &mut clients, 1, |d| d.annotations.clear());
    assert_eq!(note(&clients, 0), ["from the writer, edited"], "the viewer's change never left");
    assert_eq!(server.doc.materialize().data.annotations.len(), 1);
}

#[test]
fn changes_made_offline_are_counted_and_go_with_the_next_connection() {
    let key = Key::write_from_random([4; 16]);
    let server = Server { doc: SharedDoc::new(100), write_key: key.clone() };
    let mut clients = vec![Client::new(1, key.clone()), Client::new(2, key.clone())];
    connect(&server, &mut clients, 0);
    connect(&server, &mut clients, 1);
    clients[0].session.closed();
    clients[0].online = false;
    assert_eq!(clients[0].session.status().phase, Phase::Offline);
    for i in 0..3 {
        change(&server, &mut clients, 0, |d| d.annotations.push(annotation(&format!("off-{i}"), "offline")));
    }
    change(&server, &mut clients, 1, |d| d.annotations.push(annotation("online", "online")));
    assert_eq!(clients[0].session.status().waiting, 3);
    connect(&server, &mut clients, 0);
    assert_eq!(clients[0].session.status().waiting, 0);
    assert_eq!(clients[0].shown, clients[1].shown);
    assert_eq!(clients[1].shown.annotations.len(), 4);
}

#[test]
fn a_wrong_key_is_denied_and_gets_nothing() {
    let key = Key::write_from_random([5; 16]);
    let server = Server { doc: SharedDoc::new(100), write_key: key.clone() };
    server.doc.apply_update(&{
        let mut d = SharedDoc::new(7);
        d.share_data(&DocData { annotations: vec![annotation("secret", "not for you")], ..DocData::default() })
    }).unwrap();
    // A key for the same room name cannot be forged; use another room's
    // key sent under this room's name.
    let mut intruder = Session::new(key.clone(), 1);
    let forged = crate::frame::encode(intruder.room(), &crate::frame::ToServer::Token(Key::write_from_random([6; 16]).encoded()));
    let (reply, _) = server.handle(&forged, &mut None);
    let doc = SharedDoc::new(9);
    intruder.opened(&doc);
    intruder.received(&doc, &reply[0]).unwrap();
    assert!(matches!(intruder.status().phase, Phase::Denied(_)));
    assert!(doc.materialize().data.annotations.is_empty());
    intruder.closed();
    assert!(matches!(intruder.status().phase, Phase::Denied(_)), "no retry with a refused key");
}

#[test]
fn presence_is_dated_by_the_time_it_arrived_and_forgotten_only_when_stale() {
    use crate::presence::{Presence, STALE_MS};
    let key = Key::write_from_random([8; 16]);
    let mut ann = Peers::new(11);
    let update = ann.set_mine(Presence { name: "Ann".into(), selection: Some((1, 4)) });
    let frame = {
        let mut out = Vec::new();
        out.write_string(key.room().as_str());
        out.write_var(1u32);
        out.write_buf(&update);
        out
    };
    let doc = SharedDoc::new(12);
    let mut bo = Session::new(key, 12);
    let now = 1_700_000_000_000.0;
    bo.tick(now);
    assert!(bo.received(&doc, &frame).unwrap().presence);
    assert_eq!(bo.others()[0].name, "Ann");
    assert!(!bo.refresh(now + STALE_MS / 2.0).presence, "a refresh soon after keeps Ann");
    assert_eq!(bo.others().len(), 1);
    assert!(bo.refresh(now + STALE_MS * 2.0).presence, "silence for longer forgets her");
    assert!(bo.others().is_empty());
}
