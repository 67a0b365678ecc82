//! `use_share`: the open article's shared room (issue 22), as effects.
//!
//! - **Start**: the Share dialog's "Start sharing" loads the engine, opens
//!   a room with the article and the reader's data, and connects.
//! - **Join**: a share link in the address (`#share=…`) joins its room; the
//!   room's article opens when it arrives and the room's data is merged
//!   with what the reader had ([`Action::JoinedRoom`]).
//! - **Rejoin**: an article shared before (its CRDT state and link saved
//!   in this browser under `marginalia-share:<hash>`) reconnects when it
//!   opens, with the changes made offline.
//! - **Push**: after every change of the data, what changed since the room
//!   last heard from this reader goes to the engine (a `DocDelta`).
//! - **Pull**: a frame with others' changes first pushes this reader's own
//!   pending change, then applies theirs ([`Action::SharedChanges`]). All of
//!   it runs in the page's one thread, so the two never interleave.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::{Interval, Timeout};
use yew::prelude::*;

use super::handles::{error, AppHandles};
use super::shell;
use crate::model::{AnnotationId, DocData, DocDelta, Document};
use crate::platform::clock::{random_u64, secret_bytes};
use crate::platform::share::{clear_fragment_in_address, engine_class, fragment_in_address, from_base64, link_to, reader_name, set_reader_name, to_base64, Engine, Socket, SocketEvent};
use crate::store::kv::KeyValue;
use crate::store::share::{SharePhase, ShareView};
use crate::text::CharRange;
use crate::store::{Action, Origin};
use crate::text::DocHash;

/// First wait before reconnecting, in ms; doubled after each failure.
const RETRY_FIRST_MS: u32 = 500;
/// Longest wait between reconnections, in ms.
const RETRY_MAX_MS: u32 = 10_000;
/// Presence is re-announced this often, in ms (y-protocols' interval, as
/// `marginalia_share::presence::REFRESH_MS`, which the app does not link):
/// it also keeps an idle connection open, which the server closes after
/// 60 s of silence.
const PRESENCE_REFRESH_MS: u32 = 15_000;
/// The CRDT state is saved this long after the last change, in ms.
const SAVE_DELAY_MS: u32 = 400;
/// Prefix of the key under which an article's room is saved.
const SAVED_PREFIX: &str = "marginalia-share:";

/// One open room.
struct Room {
    engine: Engine,
    socket: Option<Socket>,
    /// The data as the room last heard it from this reader.
    base: DocData,
    /// The article, once known (`None` while a link's article is awaited).
    doc: Option<DocHash>,
    retry_ms: u32,
    timer: Option<Timeout>,
    save: Option<Timeout>,
    /// Re-announces presence (and keeps the connection open).
    refresher: Option<Interval>,
    /// The selection last shown to the others.
    shown: Option<CharRange>,
    /// What the toolbar was last told (status and others, as JSON).
    status: String,
}

type Slot = Rc<RefCell<Option<Room>>>;

/// What the dialog can ask for.
#[derive(Clone, PartialEq)]
pub struct ShareControl {
    /// Start sharing the open article: (server address, the reader's name).
    pub start: Callback<(String, String)>,
    /// The reader picked another name.
    pub rename: Callback<String>,
}

/// The shared room's effects; see the module.
#[hook]
pub fn use_share(h: &AppHandles) -> ShareControl {
    let slot: Slot = use_mut_ref(|| None);
    let state = h.state();
    {
        let (slot, h) = (slot.clone(), h.clone());
        use_effect_with(state.doc.document.hash.clone(), move |hash| on_document(&slot, &h, hash));
    }
    {
        // One effect for both (each effect is code in the app's download).
        let (slot, h) = (slot.clone(), h.clone());
        use_effect_with((state.version, state.ui.selection.as_ref().map(|s| s.range)), move |(_, range)| {
            push_local(&slot, &h);
            show_selection(&slot, *range);
            // The article may have rendered again: its ranges with it.
            if let Some(room) = slot.borrow().as_ref() {
                room.engine.paint_peers();
            }
        });
    }
    let start = {
        let (slot, h) = (slot.clone(), h.clone());
        Callback::from(move |(server, name): (String, String)| {
            let (slot, h) = (slot.clone(), h.clone());
            set_reader_name(&name);
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = start_room(&slot, &h, &server).await {
                    h.send(error(format!("Sharing could not start: {e}")));
                }
            });
        })
    };
    let rename = {
        let slot = slot.clone();
        Callback::from(move |name: String| {
            set_reader_name(&name);
            if let Some(room) = slot.borrow().as_ref() {
                room.engine.set_presence(&reader_name(), room.shown.map(|r| (r.start, r.end)));
            }
            flush(&slot);
        })
    };
    ShareControl { start, rename }
}

/// The open article changed: leave a room of another article; rejoin this
/// one's saved room, or join the link in the address.
fn on_document(slot: &Slot, h: &AppHandles, hash: &DocHash) {
    let current = slot.borrow().as_ref().map(|r| r.doc.clone());
    match current {
        Some(Some(doc)) if &doc == hash => return,
        Some(None) => return, // a link's article is on its way
        Some(Some(_)) => leave(slot, h),
        None => {}
    }
    let saved = saved_room(h, hash);
    let fragment = saved.as_ref().map(|(f, _)| f.clone()).or_else(fragment_in_address);
    let Some(fragment) = fragment else { return };
    let known = saved.as_ref().map(|_| hash.clone());
    let state = saved.and_then(|(_, s)| s);
    let (slot, h) = (slot.clone(), h.clone());
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = join_room(&slot, &h, &fragment, state, known).await {
            h.send(error(format!("The shared article could not be opened: {e}")));
        }
    });
}

/// The saved link and CRDT state of `hash`'s room.
fn saved_room(h: &AppHandles, hash: &DocHash) -> Option<(String, Option<Vec<u8>>)> {
    let kv = h.kv.as_ref().as_ref()?;
    let raw = kv.get(&format!("{SAVED_PREFIX}{}", hash.as_str())).ok()??;
    let v: serde_json::Value = serde_json::from_str(&raw).ok()?;
    let link = v.get("link")?.as_str()?.to_string();
    Some((link, v.get("state").and_then(|s| s.as_str()).and_then(from_base64)))
}

async fn start_room(slot: &Slot, h: &AppHandles, server: &str) -> Result<(), String> {
    let class = engine_class().await?;
    let key = secret_bytes().ok_or("this browser has no secure random numbers (Web Crypto)")?;
    let s = h.state();
    let data = (*s.data).clone();
    let json = serde_json::to_string(&data).map_err(|e| e.to_string())?;
    let document = &s.doc.document;
    let engine = Engine::create(&class, server, &key, random_u64() >> 11, &document.title, document.text(), &json)?;
    leave(slot, h);
    install(slot, h, Room::new(engine, data, Some(document.hash.clone())));
    Ok(())
}

async fn join_room(slot: &Slot, h: &AppHandles, fragment: &str, state: Option<Vec<u8>>, doc: Option<DocHash>) -> Result<(), String> {
    let class = engine_class().await?;
    let engine = Engine::join(&class, fragment, random_u64() >> 11, state)?;
    let base = view_of(&engine);
    install(slot, h, Room::new(engine, base, doc));
    Ok(())
}

impl Room {
    fn new(engine: Engine, base: DocData, doc: Option<DocHash>) -> Room {
        Room { engine, socket: None, base, doc, retry_ms: RETRY_FIRST_MS, timer: None, save: None, refresher: None, shown: None, status: String::new() }
    }
}

/// Makes `room` the open room and connects it.
fn install(slot: &Slot, h: &AppHandles, mut room: Room) {
    room.engine.set_presence(&reader_name(), None);
    let refresher = {
        let (slot, h) = (slot.clone(), h.clone());
        Interval::new(PRESENCE_REFRESH_MS, move || refresh(&slot, &h))
    };
    room.refresher = Some(refresher);
    *slot.borrow_mut() = Some(room);
    report(slot, h);
    connect(slot, h);
    push_local(slot, h);
}

fn connect(slot: &Slot, h: &AppHandles) {
    let url = match slot.borrow().as_ref() {
        Some(room) => room.engine.server(),
        None => return,
    };
    let on_event: Rc<dyn Fn(SocketEvent)> = {
        let (slot, h) = (slot.clone(), h.clone());
        Rc::new(move |event| on_socket(&slot, &h, event))
    };
    let socket = Socket::open(&url, on_event);
    let mut guard = slot.borrow_mut();
    let Some(room) = guard.as_mut() else { return };
    match socket {
        Ok(s) => room.socket = Some(s),
        Err(e) => {
            drop(guard);
            h.send(error(e));
            retry(slot, h);
        }
    }
}

fn on_socket(slot: &Slot, h: &AppHandles, event: SocketEvent) {
    match event {
        SocketEvent::Open => {
            if let Some(room) = slot.borrow_mut().as_mut() {
                room.retry_ms = RETRY_FIRST_MS;
                room.engine.opened();
            }
        }
        SocketEvent::Frame(bytes) => {
            push_local(slot, h);
            pull(slot, h, &bytes);
        }
        SocketEvent::Closed => {
            if let Some(room) = slot.borrow_mut().as_mut() {
                room.engine.closed();
                room.socket = None;
            }
            retry(slot, h);
        }
    }
    flush(slot);
    report(slot, h);
}

/// Others' changes in a frame, applied; a link's article opened once here.
fn pull(slot: &Slot, h: &AppHandles, bytes: &[u8]) {
    let mut guard = slot.borrow_mut();
    let Some(room) = guard.as_mut() else { return };
    let changes = match room.engine.received(bytes) {
        Ok(c) => c,
        Err(e) => return warn("a frame from the sharing server was ignored", &e),
    };
    if room.doc.is_none() {
        let actions = open_article(room, h);
        // Nothing is sent while the room is borrowed: a reducer's effects
        // may come back here.
        drop(guard);
        if !actions.is_empty() {
            actions.into_iter().for_each(|a| h.send(a));
            clear_fragment_in_address();
            schedule_save(slot, h);
        }
        return;
    }
    let Some(json) = changes else { return };
    let Ok(parsed) = serde_json::from_str::<serde_json::Value>(&json) else { return };
    let delta = parsed.get("delta").map(DocDelta::from_json).unwrap_or_default();
    let restored: Vec<AnnotationId> = parsed.get("restored").and_then(|r| r.as_array()).map(|a| a.iter().filter_map(|s| AnnotationId::parse(s.as_str()?).ok()).collect()).unwrap_or_default();
    room.base = delta.apply(&room.base);
    drop(guard);
    h.send(Action::SharedChanges { delta, restored });
    schedule_save(slot, h);
}

/// The room's article, once it has arrived: the actions that open it (with
/// what this browser holds for it) and merge the room's data in.
fn open_article(room: &mut Room, h: &AppHandles) -> Vec<Action> {
    let article = match room.engine.article() {
        Ok(Some(json)) => json,
        Ok(None) => return Vec::new(),
        Err(e) => return vec![error(e)],
    };
    let v: serde_json::Value = serde_json::from_str(&article).unwrap_or_default();
    let Some(text) = v.get("text").and_then(|t| t.as_str()) else { return Vec::new() };
    let title = v.get("title").and_then(|t| t.as_str());
    let document = Document::new(text.to_string(), title);
    room.doc = Some(document.hash.clone());
    room.base = view_of(&room.engine);
    vec![shell::open_action(h.kv.as_ref().as_ref(), document, Origin::User), Action::JoinedRoom { data: room.base.clone() }]
}

/// The room's data as the engine last told the page, read by the stored
/// record's decoder.
fn view_of(engine: &Engine) -> DocData {
    let v: serde_json::Value = serde_json::from_str(&engine.view()).unwrap_or_default();
    crate::model::wire::decode_parts(crate::model::wire::Parts::of(&v)).data
}

/// This reader's changes since the room last heard from them, sent.
fn push_local(slot: &Slot, h: &AppHandles) {
    let state = h.state();
    {
        let mut guard = slot.borrow_mut();
        let Some(room) = guard.as_mut() else { return };
        if room.doc.as_ref() != Some(&state.doc.document.hash) {
            return;
        }
        let delta = DocDelta::between(&room.base, &state.data);
        if delta.is_empty() {
            return;
        }
        let Ok(json) = serde_json::to_string(&delta) else { return };
        if let Err(e) = room.engine.local(&json) {
            return warn("a change could not be shared", &e);
        }
        room.base = (*state.data).clone();
    }
    flush(slot);
    report(slot, h);
    schedule_save(slot, h);
}


fn refresh(slot: &Slot, h: &AppHandles) {
    if let Some(room) = slot.borrow().as_ref() {
        room.engine.refresh();
    }
    flush(slot);
    report(slot, h);
}

/// Shows the others where this reader's selection is, when it moved.
fn show_selection(slot: &Slot, range: Option<CharRange>) {
    if let Some(room) = slot.borrow_mut().as_mut() {
        if room.shown == range {
            return;
        }
        room.shown = range;
        room.engine.set_presence(&reader_name(), range.map(|r| (r.start, r.end)));
    }
    flush(slot);
}

/// Sends what the engine has to send.
fn flush(slot: &Slot) {
    if let Some(room) = slot.borrow().as_ref() {
        if let Some(socket) = &room.socket {
            for frame in room.engine.outgoing() {
                socket.send(&frame);
            }
        }
    }
}

fn retry(slot: &Slot, h: &AppHandles) {
    let mut guard = slot.borrow_mut();
    let Some(room) = guard.as_mut() else { return };
    if room.status.contains("\"denied\"") {
        return;
    }
    let wait = room.retry_ms;
    room.retry_ms = (room.retry_ms * 2).min(RETRY_MAX_MS);
    let (s, h) = (slot.clone(), h.clone());
    room.timer = Some(Timeout::new(wait, move || connect(&s, &h)));
}

/// The CRDT state and link, saved a moment after the last change.
fn schedule_save(slot: &Slot, h: &AppHandles) {
    let mut guard = slot.borrow_mut();
    let Some(room) = guard.as_mut() else { return };
    let (s, h) = (slot.clone(), h.clone());
    room.save = Some(Timeout::new(SAVE_DELAY_MS, move || save(&s, &h)));
}

fn save(slot: &Slot, h: &AppHandles) {
    let guard = slot.borrow();
    let Some(room) = guard.as_ref() else { return };
    let (Some(doc), Some(kv)) = (&room.doc, h.kv.as_ref().as_ref()) else { return };
    let Some(state) = to_base64(&room.engine.state()) else { return };
    // Both strings are URL-safe or base64: nothing in them needs escaping.
    let record = format!(r#"{{"v":1,"link":"{}","state":"{state}"}}"#, room.engine.fragment());
    if let Err(e) = kv.set(&format!("{SAVED_PREFIX}{}", doc.as_str()), &record) {
        warn("the shared state could not be saved in this browser", &e.to_string());
    }
}

/// A problem the reader need not act on, for the console.
fn warn(what: &str, detail: &str) {
    web_sys::console::warn_1(&format!("marginalia: {what}: {detail}").into());
}

/// Closes the room (the article stays shared: reopening it rejoins).
fn leave(slot: &Slot, h: &AppHandles) {
    let room = slot.borrow_mut().take();
    if let Some(room) = room {
        if let Some(socket) = &room.socket {
            socket.close();
        }
        h.send(Action::ShareState { view: None });
    }
}

/// Tells the toolbar the room's state when it changed.
fn report(slot: &Slot, h: &AppHandles) {
    let mut guard = slot.borrow_mut();
    let Some(room) = guard.as_mut() else { return };
    let (status, others) = (room.engine.status(), room.engine.people());
    let signature = format!("{status}{others}");
    if signature == room.status {
        return;
    }
    room.status = signature;
    let v: serde_json::Value = serde_json::from_str(&status).unwrap_or_default();
    let phase = match v.get("phase").and_then(|p| p.as_str()).unwrap_or("") {
        "live" => SharePhase::Live,
        "offline" => SharePhase::Offline,
        "denied" => SharePhase::Denied(v.get("reason").and_then(|r| r.as_str()).unwrap_or("").to_string()),
        _ => SharePhase::Connecting,
    };
    let links = room.engine.links().map(|(w, r)| (link_to(&w), link_to(&r)));
    let view = ShareView {
        room: room.engine.room(),
        can_write: v.get("write").and_then(|w| w.as_bool()).unwrap_or(false),
        phase,
        waiting: v.get("waiting").and_then(|w| w.as_u64()).unwrap_or(0) as usize,
        links,
        others: room.engine.others_count(),
        people: others,
    };
    room.engine.paint_peers();
    drop(guard);
    h.send(Action::ShareState { view: Some(view) });
}
