// The Rust client (marginalia-share, through `marginalia share`) against
// the real Hocuspocus server, beside a JavaScript Yjs peer in the same room:
// the wire protocol, the capability keys and the document layout agree.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { createHash } from "node:crypto";
import { ROOT, startServer, tempDir, connectClient, waitFor } from "./harness.mjs";

const run = promisify(execFile);

/** The CLI the e2e layer builds (release), else a debug build. */
const CLI = [path.join(ROOT, "target/release/marginalia"), path.join(ROOT, "target/debug/marginalia")].find(existsSync);
if (!CLI) console.log("skipped: cli.test.mjs needs the CLI: cargo build --release --bin marginalia");

const TEXT = "Harbour plan approved\n\nThe council approved the harbour plan on Monday, the mayor said.";

/** The text's DocHash: the first 128 bits of its SHA-256, in hex. */
const HASH = createHash("sha256").update(TEXT).digest("hex").slice(0, 32);

/** A Marginalia JSON export of TEXT with the given [id, quote, note]s. */
function exportOf(notes) {
  const annotations = notes.map(([id, quote, note]) => {
    const start = [...TEXT.slice(0, TEXT.indexOf(quote))].length;
    const end = start + [...quote].length;
    return { id, label: "note", note, created: 1000, updated: 1000,
      target: { source: HASH, start, end, exact: quote, prefix: TEXT.slice(Math.max(0, TEXT.indexOf(quote) - 32), TEXT.indexOf(quote)),
        suffix: TEXT.slice(TEXT.indexOf(quote) + quote.length, TEXT.indexOf(quote) + quote.length + 32) } };
  });
  return { format: "marginalia", formatVersion: 1, exportedAt: "2026-12-03T00:00:00.000Z", offsets: "codepoint",
    document: { title: "Harbour plan approved", text: TEXT },
    labels: [{ id: "note", name: "Note", color: "#f2c94c" }], annotations, dismissed: [] };
}

let server;
let tmp;

before(async () => {
  if (!CLI) return;
  tmp = tempDir();
  server = await startServer({ dataFile: path.join(tmp.dir, "rooms.sqlite") });
});

after(async () => {
  await server?.stop();
  tmp?.remove();
});

async function cli(...args) {
  const { stdout } = await run(CLI, ["share", ...args], { cwd: ROOT, timeout: 60_000 });
  return stdout;
}

function write(name, value) {
  const file = path.join(tmp.dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

/** The write link, read-only link and room `share push` printed. */
function linksOf(stdout) {
  const field = (name) => new RegExp(`^${name}: (\\S+)`, "m").exec(stdout)?.[1];
  return { write: field("write link"), read: field("read-only link"), room: field("room") };
}

/** The room's key from a link's fragment. */
function keyOf(link, kind) {
  return new URLSearchParams(link.split("#")[1]).get(kind);
}

test("a room pushed by the command line is pulled back whole, and read by a Yjs peer", { skip: !CLI }, async () => {
  const file = write("a.json", exportOf([["a1", "The council", "Check the vote"], ["a2", "the mayor", "Which mayor?"]]));
  const links = linksOf(await cli("push", file, "--server", server.url));
  assert.match(links.room, /^mg1\.[0-9a-f]{32}$/);
  const pulled = JSON.parse(await cli("pull", links.read));
  assert.equal(pulled.document.text, TEXT);
  assert.deepEqual(pulled.annotations.map((a) => [a.id, a.note, a.target.exact]), [["a1", "Check the vote", "The council"], ["a2", "Which mayor?", "the mayor"]]);

  // A JavaScript peer (yjs + @hocuspocus/provider) sees the same document.
  const peer = connectClient(server.url, links.room, keyOf(links.read, "read"));
  try {
    await waitFor(() => peer.state.synced, { what: "the Yjs peer's sync" });
    assert.equal(peer.state.scope, "readonly");
    const annotations = peer.doc.getMap("annotations");
    assert.deepEqual([...annotations.keys()].sort(), ["a1", "a2"]);
    assert.equal(annotations.get("a1").get("note").toString(), "Check the vote");
    assert.equal(peer.doc.getMap("article").get("text"), TEXT);
  } finally {
    peer.destroy();
  }
});

test("a Yjs peer's typing and an import merged by the command line both reach everyone", { skip: !CLI }, async () => {
  const links = linksOf(await cli("push", write("b.json", exportOf([["a1", "The council", "Vote was close."]])), "--server", server.url));
  const peer = connectClient(server.url, links.room, keyOf(links.write, "write"));
  try {
    await waitFor(() => peer.state.synced, { what: "the Yjs peer's sync" });
    const note = peer.doc.getMap("annotations").get("a1").get("note");
    note.insert(note.length, " JS peer: 7 to 5.");
    await waitFor(() => peer.state.statuses.includes(1), { what: "the server's confirmation" });
    const merged = await cli("push", write("c.json", exportOf([["a3", "harbour plan", "Imported later"]])), "--to", links.write);
    assert.match(merged, /1 new/);
    await waitFor(() => peer.doc.getMap("annotations").has("a3"), { what: "the import at the Yjs peer" });
    const pulled = JSON.parse(await cli("pull", links.write));
    assert.deepEqual(pulled.annotations.map((a) => [a.id, a.note]), [["a1", "Vote was close. JS peer: 7 to 5."], ["a3", "Imported later"]]);
  } finally {
    peer.destroy();
  }
});

test("a read-only link cannot change the room, and a forged key gets nothing", { skip: !CLI }, async () => {
  const links = linksOf(await cli("push", write("d.json", exportOf([["a1", "The council", "private"]])), "--server", server.url));
  await assert.rejects(cli("push", write("e.json", exportOf([["x", "the mayor", "vandal"]])), "--to", links.read), /read-only/);
  const forged = links.read.replace(/read=[^&]+/, "read=AAAAAAAAAAAAAAAAAAAAAA");
  // Another key names another room: an empty one, never this room's data.
  await assert.rejects(cli("pull", forged), /no article/);
  const pulled = JSON.parse(await cli("pull", links.read));
  assert.deepEqual(pulled.annotations.map((a) => a.note), ["private"]);
  assert.ok(!server.output().includes("private"), "the server's log holds no note text");
  assert.ok(!server.output().includes(keyOf(links.write, "write")), "nor a key");
});
