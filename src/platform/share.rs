//! The sharing engine and its WebSocket (issue 22). The engine
//! (`src/bin/share.rs`, `marginalia-share.js` + `_bg.wasm` beside the app)
//! is loaded only when a reader shares or opens a share link, by a module
//! script of the same origin (`static/share-loader.js`, `platform::lazy`);
//! this module calls it through plain JS values and owns the socket.

use std::rc::Rc;

use js_sys::{Array, Function, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};

use super::lazy::{self, message, LazyModule};

/// The sharing engine, loaded from `static/share-loader.js`.
static ENGINE: LazyModule = LazyModule {
    loader: "./share-loader.js",
    global: "marginaliaShareEngine",
    ready: "marginalia-share-ready",
    failed: "marginalia-share-failed",
    what: "the sharing engine",
};

/// The engine's class, loaded on first use.
pub async fn engine_class() -> Result<JsValue, String> {
    let class = lazy::load(&ENGINE).await?;
    if class.is_function() {
        Ok(class)
    } else {
        Err("the sharing engine is damaged".into())
    }
}

/// One room's engine (a `ShareEngine` of the loaded module).
pub struct Engine(JsValue);

impl Engine {
    /// Joins the room of a link `fragment`, from a saved CRDT `state`.
    pub fn join(class: &JsValue, fragment: &str, client_id: u64, state: Option<Vec<u8>>) -> Result<Engine, String> {
        let state = state.map(|s| JsValue::from(Uint8Array::from(s.as_slice()))).unwrap_or(JsValue::UNDEFINED);
        let args = Array::of3(&fragment.into(), &(client_id as f64).into(), &state);
        let ctor = class.dyn_ref::<Function>().ok_or("the sharing engine is damaged")?;
        Reflect::construct(ctor, &args).map(Engine).map_err(message)
    }

    /// Opens a new room on `server` under `key` with the article and data.
    pub fn create(class: &JsValue, server: &str, key: &[u8], client_id: u64, title: &str, text: &str, data_json: &str) -> Result<Engine, String> {
        let create = Reflect::get(class, &"create".into()).map_err(message)?;
        let create = create.dyn_ref::<Function>().ok_or("the sharing engine is damaged")?;
        let args: [JsValue; 6] = [server.into(), Uint8Array::from(key).into(), (client_id as f64).into(), title.into(), text.into(), data_json.into()];
        create.apply(class, &args.into_iter().collect::<Array>()).map(Engine).map_err(message)
    }

    fn call(&self, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
        let f = Reflect::get(&self.0, &name.into()).map_err(message)?;
        let f = f.dyn_ref::<Function>().ok_or("the sharing engine is damaged")?;
        f.apply(&self.0, &args.iter().collect::<Array>()).map_err(message)
    }

    fn text(&self, name: &str) -> String {
        self.call(name, &[]).ok().and_then(|v| v.as_string()).unwrap_or_default()
    }

    /// The server's address.
    pub fn server(&self) -> String {
        self.text("server")
    }

    /// The link's fragment.
    pub fn fragment(&self) -> String {
        self.text("fragment")
    }

    /// The room's name.
    pub fn room(&self) -> String {
        self.text("room")
    }

    /// (write, read-only) fragments, for a writer.
    pub fn links(&self) -> Option<(String, String)> {
        let v = self.call("links", &[]).ok()?;
        let a = v.dyn_ref::<Array>()?;
        Some((a.get(0).as_string()?, a.get(1).as_string()?))
    }

    /// The socket opened / closed.
    pub fn opened(&self) {
        let _ = self.call("opened", &[]);
    }

    /// The socket closed.
    pub fn closed(&self) {
        let _ = self.call("closed", &[]);
    }

    /// A frame arrived: others' changes as JSON, if any.
    pub fn received(&self, frame: &[u8]) -> Result<Option<String>, String> {
        Ok(self.call("received", &[Uint8Array::from(frame).into()])?.as_string())
    }

    /// This reader's changes (a `DocDelta` as JSON).
    pub fn local(&self, delta_json: &str) -> Result<(), String> {
        self.call("local", &[delta_json.into()]).map(|_| ())
    }

    /// Frames to send.
    pub fn outgoing(&self) -> Vec<Vec<u8>> {
        let Ok(v) = self.call("outgoing", &[]) else { return Vec::new() };
        v.dyn_ref::<Array>().map(|a| a.iter().map(|f| Uint8Array::new(&f).to_vec()).collect()).unwrap_or_default()
    }

    /// The connection's state as JSON.
    pub fn status(&self) -> String {
        self.text("status")
    }

    /// The room's article as JSON, once it has arrived.
    pub fn article(&self) -> Result<Option<String>, String> {
        Ok(self.call("article", &[])?.as_string())
    }

    /// The room's data as JSON.
    pub fn view(&self) -> String {
        self.text("view")
    }

    /// Shows the others this reader's name and selection (code points).
    pub fn set_presence(&self, name: &str, selection: Option<(usize, usize)>) {
        let selection = selection.map(|(a, b)| JsValue::from(Array::of2(&(a as f64).into(), &(b as f64).into()))).unwrap_or(JsValue::UNDEFINED);
        let _ = self.call("set_presence", &[name.into(), selection]);
    }

    /// The periodic refresh; true when the others changed.
    pub fn refresh(&self) -> bool {
        self.call("refresh", &[js_sys::Date::now().into()]).ok().and_then(|v| v.as_bool()).unwrap_or(false)
    }

    /// True (once) when who is here changed.
    pub fn take_presence_change(&self) -> bool {
        self.call("take_presence_change", &[]).ok().and_then(|v| v.as_bool()).unwrap_or(false)
    }

    /// Paints the others' selections in the article.
    pub fn paint_peers(&self) {
        let _ = self.call("paint_peers", &[]);
    }

    /// How many others are here.
    pub fn others_count(&self) -> usize {
        self.call("others_count", &[]).ok().and_then(|v| v.as_f64()).unwrap_or(0.0) as usize
    }

    /// Who the others are and what each has selected, in words.
    pub fn people(&self) -> String {
        self.text("people")
    }

    /// The CRDT state to save.
    pub fn state(&self) -> Vec<u8> {
        self.call("state", &[]).map(|v| Uint8Array::new(&v).to_vec()).unwrap_or_default()
    }
}

/// What the socket reports.
pub enum SocketEvent {
    /// Connected.
    Open,
    /// A binary frame.
    Frame(Vec<u8>),
    /// Closed or failed.
    Closed,
}

/// A WebSocket to the sharing server with its handlers kept alive.
pub struct Socket {
    ws: WebSocket,
    _on_open: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Socket {
    /// Opens a socket to `url`; every event goes to `on_event`.
    pub fn open(url: &str, on_event: Rc<dyn Fn(SocketEvent)>) -> Result<Socket, String> {
        let ws = WebSocket::new(url).map_err(|e| format!("cannot connect to {url}: {}", message(e)))?;
        ws.set_binary_type(BinaryType::Arraybuffer);
        let on_open = {
            let f = on_event.clone();
            Closure::<dyn FnMut()>::new(move || f(SocketEvent::Open))
        };
        let on_message = {
            let f = on_event.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                if let Ok(buf) = e.data().dyn_into::<js_sys::ArrayBuffer>() {
                    f(SocketEvent::Frame(Uint8Array::new(&buf).to_vec()));
                }
            })
        };
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |_| on_event(SocketEvent::Closed));
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        Ok(Socket { ws, _on_open: on_open, _on_message: on_message, _on_close: on_close })
    }

    /// Sends a frame; false when the socket is not open.
    pub fn send(&self, frame: &[u8]) -> bool {
        self.ws.ready_state() == WebSocket::OPEN && self.ws.send_with_u8_array(frame).is_ok()
    }

    /// Closes the socket without reporting it.
    pub fn close(&self) {
        self.ws.set_onclose(None);
        let _ = self.ws.close();
    }
}

/// Bytes as a string `localStorage` can hold (`btoa`).
pub fn to_base64(bytes: &[u8]) -> Option<String> {
    let latin1: String = bytes.iter().map(|&b| b as char).collect();
    web_sys::window()?.btoa(&latin1).ok()
}

/// The bytes of [`to_base64`]'s text.
pub fn from_base64(text: &str) -> Option<Vec<u8>> {
    let latin1 = web_sys::window()?.atob(text).ok()?;
    Some(latin1.chars().map(|c| c as u32 as u8).collect())
}

/// The share link in the page's address, if any (`#share=…`).
pub fn fragment_in_address() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix('#').filter(|f| f.starts_with("share=")).map(str::to_string)
}

/// Takes the share link out of the page's address once its article is
/// open (an empty fragment: the page does not reload): the key is then not
/// on screen, and opening another article does not join the link's room
/// again (reopening this one rejoins from what this browser saved).
pub fn clear_fragment_in_address() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash("");
    }
}

/// The name this reader shows others, as last chosen in this browser.
pub fn reader_name() -> String {
    let stored = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).and_then(|s| s.get_item(NAME_KEY).ok().flatten());
    stored.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| DEFAULT_NAME.to_string())
}

/// Remembers the name this reader picked.
pub fn set_reader_name(name: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(NAME_KEY, name.trim());
    }
}

/// Where the reader's name is kept.
const NAME_KEY: &str = "marginalia-share-name";

/// The name of a reader who picked none.
const DEFAULT_NAME: &str = "Reader";

/// The app's address with `fragment`: a link to hand out.
pub fn link_to(fragment: &str) -> String {
    let loc = web_sys::window().map(|w| w.location());
    let base = loc.and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))).unwrap_or_default();
    format!("{base}#{fragment}")
}
