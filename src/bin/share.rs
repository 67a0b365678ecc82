//! The sharing engine's wasm entry (issue 22), built by Trunk with the
//! `share` feature as `marginalia-share.js` + `marginalia-share_bg.wasm`
//! and loaded by the app only when a reader shares or opens a share link
//! (`platform::share`), so the app's first download does not carry the
//! CRDT (about 118 KB gzipped, README "Sharing with a team").
//!
//! It wraps `marginalia-share` for the page: one room's Yjs document, the
//! connection's state machine, and the page's view of the data. The page
//! owns the WebSocket and calls in synchronously, in the order events
//! happen, so a local change and a remote one never interleave.

#[cfg(target_arch = "wasm32")]
mod engine {
    use marginalia::model::{AnnotationId, DocData, DocDelta, Document};
    use marginalia::platform::highlights::Painter;
    use marginalia::platform::selection::dom_range;
    use marginalia::text::offsets::IndexedText;
    use marginalia::text::CharRange;
    use marginalia_share::link::{ServerUrl, ShareLink};
    use marginalia_share::{Access, Key, Phase, Presence, Session, SharedDoc};
    use wasm_bindgen::prelude::*;

    /// One room, as the page uses it.
    #[wasm_bindgen]
    pub struct ShareEngine {
        doc: SharedDoc,
        session: Session,
        link: ShareLink,
        /// What the page was last told the room holds.
        view: DocData,
        outgoing: Vec<Vec<u8>>,
        /// Who is here changed since [`ShareEngine::take_presence_change`].
        presence_changed: bool,
        /// Paints the others' selections in the article (CSS Custom
        /// Highlights: no node of the article changes), made on first use.
        painter: Option<Result<Painter, String>>,
        /// The article's text with its offset index, for the painter.
        indexed: Option<IndexedText>,
    }

    /// The page's rendered article.
    const ARTICLE_SELECTOR: &str = "article.article";

    /// How the others' selections look: the `::highlight()` rule of
    /// [`PEERS_LAYER`] (a warm wash with an underline, unlike any label).
    const PEERS_STYLE: &str = "::highlight(marginalia-peers-selections) { background-color: rgba(255, 170, 0, 0.28); text-decoration: underline 2px rgba(214, 120, 0, 0.9); }";

    /// Characters of another reader's selection quoted in the toolbar.
    const QUOTE_CHARS: usize = 40;

    /// The painter's layer for the others' selections.
    const PEERS_LAYER: &str = "selections";

    /// Paints above labels' highlights (which the page renders as
    /// elements, not highlights) and below the reader's own selection.
    const PEERS_PRIORITY: i32 = 1;

    fn js(e: impl std::fmt::Display) -> JsError {
        JsError::new(&e.to_string())
    }

    #[wasm_bindgen]
    impl ShareEngine {
        /// Joins the room of a share link's `fragment`; `state` is the CRDT
        /// state this browser saved for it (offline changes included).
        #[wasm_bindgen(constructor)]
        pub fn new(fragment: &str, client_id: f64, state: Option<Vec<u8>>) -> Result<ShareEngine, JsError> {
            let link = ShareLink::from_fragment(fragment).map_err(js)?.ok_or_else(|| js("not a share link"))?;
            let doc = match state {
                Some(bytes) => SharedDoc::restore(client_id as u64, &bytes).unwrap_or_else(|_| SharedDoc::new(client_id as u64)),
                None => SharedDoc::new(client_id as u64),
            };
            let view = doc.materialize().data;
            Ok(ShareEngine { session: Session::new(link.key.clone(), doc.client_id()), doc, link, view, outgoing: Vec::new(), presence_changed: false, painter: None, indexed: None })
        }

        /// A new room on `server` under the write key `key` (16 random
        /// bytes), holding the article and the reader's data (JSON).
        pub fn create(server: &str, key: &[u8], client_id: f64, title: &str, text: &str, data: &str) -> Result<ShareEngine, JsError> {
            let key: [u8; 16] = key.try_into().map_err(|_| js("a write key is 16 bytes"))?;
            let link = ShareLink { server: ServerUrl::parse(server).map_err(js)?, key: Key::write_from_random(key) };
            let data: DocData = serde_json::from_str(data).map_err(js)?;
            let mut doc = SharedDoc::new(client_id as u64);
            let document = Document::new(text.to_string(), Some(title));
            let mut session = Session::new(link.key.clone(), doc.client_id());
            let _ = session.local_update(doc.publish_article(&document));
            let _ = session.local_update(doc.share_data(&data));
            let view = doc.materialize().data;
            Ok(ShareEngine { doc, session, link, view, outgoing: Vec::new(), presence_changed: false, painter: None, indexed: None })
        }

        /// The server's address.
        pub fn server(&self) -> String {
            self.link.server.as_str().to_string()
        }

        /// This link's fragment (what is saved to rejoin).
        pub fn fragment(&self) -> String {
            self.link.fragment()
        }

        /// `[write fragment, read-only fragment]` for a writer, else null.
        pub fn links(&self) -> Option<Vec<String>> {
            (self.link.key.access() == Access::Write).then(|| vec![self.link.fragment(), self.link.read_only().fragment()])
        }

        /// The room's name.
        pub fn room(&self) -> String {
            self.link.key.room().to_string()
        }

        /// The WebSocket opened.
        pub fn opened(&mut self) {
            let step = self.session.opened(&self.doc);
            self.outgoing.extend(step.send);
        }

        /// The WebSocket closed.
        pub fn closed(&mut self) {
            self.session.closed();
        }

        /// A frame arrived; returns the others' changes as JSON
        /// `{"delta": DocDelta, "restored": [ids]}` when there are any.
        pub fn received(&mut self, frame: &[u8]) -> Result<Option<String>, JsError> {
            self.session.tick(js_sys::Date::now());
            let step = self.session.received(&self.doc, frame).map_err(js)?;
            self.outgoing.extend(step.send);
            self.presence_changed |= step.presence;
            if !step.changed {
                return Ok(None);
            }
            let now = self.doc.materialize();
            let delta = DocDelta::between(&self.view, &now.data);
            self.view = now.data;
            if delta.is_empty() {
                return Ok(None);
            }
            let restored: Vec<AnnotationId> = now.restored;
            Ok(Some(serde_json::json!({ "delta": delta, "restored": restored }).to_string()))
        }

        /// The reader changed the data (`delta`, JSON, from the page's view).
        pub fn local(&mut self, delta: &str) -> Result<(), JsError> {
            let delta: DocDelta = serde_json::from_str(delta).map_err(js)?;
            let after = delta.apply(&self.view);
            let update = self.doc.apply_local(&self.view, &after);
            self.view = after;
            let step = self.session.local_update(update);
            self.outgoing.extend(step.send);
            Ok(())
        }

        /// Frames to send now, in order.
        pub fn outgoing(&mut self) -> Vec<js_sys::Uint8Array> {
            self.outgoing.drain(..).map(|f| js_sys::Uint8Array::from(f.as_slice())).collect()
        }

        /// `{"phase": "connecting"|"live"|"offline"|"denied", "reason", "waiting", "write"}`.
        pub fn status(&self) -> String {
            let status = self.session.status();
            let (phase, reason) = match status.phase {
                Phase::Offline => ("offline", String::new()),
                Phase::Authenticating | Phase::Syncing(_) => ("connecting", String::new()),
                Phase::Live(_) => ("live", String::new()),
                Phase::Denied(reason) => ("denied", reason),
            };
            let write = self.link.key.access() == Access::Write;
            serde_json::json!({ "phase": phase, "reason": reason, "waiting": status.waiting, "write": write }).to_string()
        }

        /// The room's article as JSON `{"title", "text"}`, null until it
        /// has arrived; an error when its text does not match its hash.
        pub fn article(&self) -> Result<Option<String>, JsError> {
            Ok(self.doc.article().map_err(js)?.map(|a| serde_json::json!({ "title": a.title, "text": a.text }).to_string()))
        }

        /// The room's data as the page was last told it (JSON `DocData`).
        pub fn view(&self) -> String {
            serde_json::to_string(&self.view).unwrap_or_default()
        }

        /// Shows the others this reader's name and selection (`[start, end]`
        /// in code points, or nothing).
        pub fn set_presence(&mut self, name: &str, selection: Option<Vec<f64>>) {
            let selection = selection.filter(|s| s.len() == 2).map(|s| (s[0] as usize, s[1] as usize));
            let step = self.session.set_presence(Presence { name: name.to_string(), selection });
            self.outgoing.extend(step.send);
        }

        /// Every 15 s: presence again (keeps the connection open), stale
        /// readers forgotten; true when the list of others changed.
        pub fn refresh(&mut self, now: f64) -> bool {
            let step = self.session.refresh(now);
            self.outgoing.extend(step.send);
            step.presence
        }

        /// True (once) when who is here changed.
        pub fn take_presence_change(&mut self) -> bool {
            std::mem::take(&mut self.presence_changed)
        }

        /// How many others are here.
        pub fn others_count(&self) -> usize {
            self.session.others().len()
        }

        /// Who the others are and what each has selected, for the toolbar:
        /// `Ann (on “the harbour plan”), Bo`.
        pub fn people(&mut self) -> String {
            self.index_article();
            let text = self.indexed.as_ref();
            let who = |p: &Presence| {
                let quote = p.selection.and_then(|(a, b)| text?.slice(CharRange::new(a.min(b), b.max(a)))).map(|q| q.chars().take(QUOTE_CHARS).collect::<String>());
                match quote {
                    Some(q) => format!("{} (on “{q}”)", p.name),
                    None => p.name.clone(),
                }
            };
            self.session.others().iter().map(who).collect::<Vec<_>>().join(", ")
        }

        /// The article's text with its offset index, once it is known.
        fn index_article(&mut self) {
            if self.indexed.is_none() {
                if let Ok(Some(article)) = self.doc.article() {
                    self.indexed = Some(IndexedText::new(article.text));
                }
            }
        }

        /// Paints where the others' selections are in the page's article
        /// (after it rendered again, or when they moved); nothing where the
        /// browser cannot paint highlights.
        pub fn paint_peers(&mut self) {
            self.index_article();
            let painter = self.painter.get_or_insert_with(|| {
                let p = Painter::new("marginalia-peers");
                if let Ok(p) = &p {
                    p.set_styles(PEERS_STYLE);
                }
                p
            });
            let (Ok(painter), Some(text)) = (painter.as_ref(), self.indexed.as_ref()) else { return };
            let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(ARTICLE_SELECTOR).ok().flatten());
            let Some(root) = root else { return };
            let ranges: Vec<web_sys::Range> = self
                .session
                .others()
                .iter()
                .filter_map(|p| p.selection)
                .filter_map(|(start, end)| dom_range(&root, CharRange::new(start.min(end), end.max(start).min(text.char_len()))))
                .collect();
            painter.paint(PEERS_LAYER, &ranges, PEERS_PRIORITY);
        }

        /// The CRDT state, to save in this browser.
        pub fn state(&self) -> Vec<u8> {
            self.doc.encode_state()
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use engine::ShareEngine;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("marginalia-share is the app's sharing engine: `trunk build` builds it with the app (see README.md, \"Sharing with a team\").");
    std::process::exit(2);
}
