//! `marginalia share`: a shared room from the command line, over the same
//! protocol and model as the app (`marginalia-share`).
//!
//! ```text
//! marginalia share push EXPORT.json [--server ws://HOST:PORT] [--app URL] [--to LINK]
//! marginalia share pull LINK [--out FILE]
//! ```
//!
//! `push` opens a new room with the export's article and annotations and
//! prints its write link and read-only link (or, with `--to`, merges the
//! export into an existing room: an import that reaches everyone); `pull`
//! joins a room and writes what it holds as a Marginalia JSON export.
//! Plain `ws://` only: put a TLS-terminating proxy in front of a server on
//! another machine, and use `wss://` from the app.

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use marginalia_core::export::{self, native};
use marginalia_core::model::{DocData, Document, Timestamp};
use marginalia_share::link::{ServerUrl, ShareLink, DEFAULT_SERVER};
use marginalia_share::{Access, Key, Phase, Session, SharedDoc};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

use crate::args::{Args, Spec};

/// How long a push or pull waits for the server before giving up.
const DEADLINE: Duration = Duration::from_secs(30);

/// How long one read waits, so the deadline is checked.
const READ_TIMEOUT: Duration = Duration::from_millis(200);

/// Where the app is served when `--app` is not given (`scripts/serve.sh`).
const DEFAULT_APP: &str = "http://127.0.0.1:8080/";

/// `marginalia share push`'s options.
const PUSH: Spec = Spec { command: "share push", values: &["--server", "--app", "--to"], switches: &[] };

/// `marginalia share pull`'s options.
const PULL: Spec = Spec { command: "share pull", values: &["--out"], switches: &[] };

/// Runs `marginalia share …`.
pub fn run(args: &[String], out: &mut dyn Write) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("push") => push(&args[1..], out),
        Some("pull") => pull(&args[1..], out),
        _ => Err("usage: marginalia share push EXPORT.json [--server URL] [--app URL] [--to LINK] | marginalia share pull LINK [--out FILE]".into()),
    }
}

/// One open connection to a room.
struct Connection {
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: Session,
    doc: SharedDoc,
}

impl Connection {
    fn open(link: &ShareLink, doc: SharedDoc) -> Result<Connection, String> {
        let server = link.server.as_str();
        let (mut socket, _) = tungstenite::connect(server).map_err(|e| format!("cannot reach the sharing server at {server}: {e} (is `bash scripts/share-server.sh` running?)"))?;
        if let MaybeTlsStream::Plain(tcp) = socket.get_mut() {
            tcp.set_read_timeout(Some(READ_TIMEOUT)).map_err(|e| e.to_string())?;
        }
        let session = Session::new(link.key.clone(), doc.client_id());
        let mut conn = Connection { socket, session, doc };
        let step = conn.session.opened(&conn.doc);
        conn.send(step.send)?;
        Ok(conn)
    }

    fn send(&mut self, frames: Vec<Vec<u8>>) -> Result<(), String> {
        for f in frames {
            self.socket.send(Message::binary(f)).map_err(|e| format!("the connection to the sharing server failed: {e}"))?;
        }
        Ok(())
    }

    /// Handles frames until `done` holds, the key is refused, or the
    /// deadline passes.
    fn until(&mut self, done: impl Fn(&Session) -> bool) -> Result<(), String> {
        let start = Instant::now();
        while !done(&self.session) {
            if let Phase::Denied(reason) = self.session.status().phase {
                return Err(format!("the sharing server refused the link's key ({reason}): ask for the link again"));
            }
            if start.elapsed() > DEADLINE {
                return Err(format!("the sharing server did not answer within {} s", DEADLINE.as_secs()));
            }
            match self.socket.read() {
                Ok(Message::Binary(bytes)) => {
                    let step = self.session.received(&self.doc, &bytes).map_err(|e| e.to_string())?;
                    self.send(step.send)?;
                }
                Ok(Message::Close(_)) => return Err("the sharing server closed the connection".into()),
                Ok(_) => {}
                Err(tungstenite::Error::Io(e)) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
                Err(e) => return Err(format!("the connection to the sharing server failed: {e}")),
            }
        }
        Ok(())
    }

    /// Sends a local change and waits until the server has stored it.
    fn change(&mut self, update: Vec<u8>) -> Result<(), String> {
        let step = self.session.local_update(update);
        self.send(step.send)?;
        self.until(|s| s.status().waiting == 0)?;
        match self.session.status().refused {
            0 => Ok(()),
            _ => Err("the server refused the change: this is a read-only link".into()),
        }
    }

    fn close(mut self) {
        let _ = self.socket.close(None);
        let _ = self.socket.flush();
    }
}

fn live(s: &Session) -> bool {
    matches!(s.status().phase, Phase::Live(_))
}

/// A fresh client id for this process.
fn client_id() -> Result<u64, String> {
    let mut bytes = [0u8; 8];
    getrandom::getrandom(&mut bytes).map_err(|e| format!("no random numbers: {e}"))?;
    Ok(u64::from_le_bytes(bytes))
}

fn read_export(path: &str) -> Result<(Document, DocData), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| format!("{path}: not JSON: {e}"))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(native::FORMAT) {
        return Err(format!("{path}: not a Marginalia JSON export (export one from the app's Export menu)"));
    }
    let parsed = native::parse(&value).map_err(|e| format!("{path}: {e}"))?;
    for skipped in &parsed.skipped {
        eprintln!("{path}: an item was left out: {}", skipped.reason);
    }
    let export::Incoming { labels, annotations, dismissed } = parsed.incoming;
    let labels = if labels.is_empty() { DocData::default().labels } else { labels };
    Ok((parsed.document, DocData { labels, annotations, dismissed, quarantine: Vec::new() }))
}

fn push(args: &[String], out: &mut dyn Write) -> Result<(), String> {
    let args = Args::parse(args, &PUSH)?;
    let path = args.positional.first().ok_or("share push: name a Marginalia JSON export")?;
    let (document, data) = read_export(path)?;
    let link = match args.value("--to") {
        Some(to) => return push_into(to, &document, &data, out),
        None => {
            let server = ServerUrl::parse(args.value("--server").unwrap_or(DEFAULT_SERVER)).map_err(|e| e.to_string())?;
            let mut key = [0u8; marginalia_share::keys::KEY_BYTES];
            getrandom::getrandom(&mut key).map_err(|e| format!("no random numbers: {e}"))?;
            ShareLink { server, key: Key::write_from_random(key) }
        }
    };
    let mut doc = SharedDoc::new(client_id()?);
    let updates = vec![doc.publish_article(&document), doc.share_data(&data)];
    let mut conn = Connection::open(&link, doc)?;
    conn.until(live)?;
    for update in updates {
        conn.change(update)?;
    }
    conn.close();
    let app = args.value("--app").unwrap_or(DEFAULT_APP);
    writeln!(out, "write link: {app}#{}", link.fragment()).map_err(|e| e.to_string())?;
    writeln!(out, "read-only link: {app}#{}", link.read_only().fragment()).map_err(|e| e.to_string())?;
    writeln!(out, "room: {} ({} annotations)", link.key.room(), data.annotations.len()).map_err(|e| e.to_string())
}

fn parse_link(text: &str) -> Result<ShareLink, String> {
    let fragment = text.split_once('#').map_or(text, |(_, f)| f);
    ShareLink::from_fragment(fragment).map_err(|e| e.to_string())?.ok_or_else(|| "that is not a share link (it has no #share=… part)".into())
}

/// Joins `link`'s room and waits until it has the room's state.
fn join(link: &ShareLink) -> Result<Connection, String> {
    let mut conn = Connection::open(link, SharedDoc::new(client_id()?))?;
    conn.until(live)?;
    Ok(conn)
}

/// Merges an export into an existing room (the same article only).
fn push_into(to: &str, document: &Document, data: &DocData, out: &mut dyn Write) -> Result<(), String> {
    let link = parse_link(to)?;
    if link.key.access() != Access::Write {
        return Err("a read-only link cannot change the room: use the write link".into());
    }
    let mut conn = join(&link)?;
    match conn.doc.article().map_err(|e| e.to_string())? {
        Some(a) if a.hash == document.hash => {}
        Some(_) => return Err("the export is of another article than the room's".into()),
        None => return Err("the room holds no article yet".into()),
    }
    let before = conn.doc.materialize().data;
    let incoming = export::Incoming { labels: data.labels.clone(), annotations: data.annotations.clone(), dismissed: data.dismissed.clone() };
    let (after, report) = export::merge::merge(&before, &incoming);
    let update = conn.doc.apply_local(&before, &after);
    conn.change(update)?;
    conn.close();
    let (new, updated, kept) = (report.imported, report.updated, report.already_present + report.older + report.duplicates);
    writeln!(out, "merged into {}: {new} new, {updated} updated, {kept} already there", link.key.room()).map_err(|e| e.to_string())
}

fn pull(args: &[String], out: &mut dyn Write) -> Result<(), String> {
    let args = Args::parse(args, &PULL)?;
    let text = args.positional.first().ok_or("share pull: give a share link")?;
    let link = parse_link(text)?;
    let conn = join(&link)?;
    let article = conn.doc.article().map_err(|e| e.to_string())?.ok_or("the room holds no article yet")?;
    let document = Document::new(article.text, Some(&article.title));
    let data = conn.doc.materialize().data;
    conn.close();
    let json = native::export(&document, &data, Timestamp(0));
    match args.value("--out") {
        Some(path) => std::fs::write(path, json).map_err(|e| format!("{path}: {e}")),
        None => writeln!(out, "{json}").map_err(|e| e.to_string()),
    }
}
