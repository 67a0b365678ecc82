// Robustness of the share server (a bounded fuzz test): random bytes, text
// frames, huge varints, wrong message types and truncated real Yjs updates, over
// unauthenticated and authenticated sockets. The server must stay up, a
// well-behaved client in the same room must still sync, and the stored room
// must load intact. Set SHARE_FUZZ_SEED to replay a run.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import * as Y from "yjs";
import { documentNameOf, newWriteKey, readKeyOf, toBase64Url } from "../../scripts/share-keys.mjs";
import { MessageType, SyncType, Writer, authFrame, syncStep1Frame, updateFrame } from "../../scripts/share-wire.mjs";
import {
  addAnnotation, connectClient, contentOf, rawSocket, startServer, tempDir, waitFor,
} from "./harness.mjs";

/** Random frames in all (unauthenticated plus authenticated sockets). */
const RANDOM_FRAMES = 2000;

/** Of them, frames sent on authenticated sockets (wrong types, bad payloads). */
const AUTHENTICATED_RANDOM_FRAMES = 200;

/** Truncated real Yjs updates, each on its own authenticated socket. */
const TRUNCATED_UPDATES = 500;

/** Frames sent back to back on one unauthenticated socket before the next. */
const BURST = 5;

/** Authenticated sockets working at once. */
const PARALLEL_SOCKETS = 8;

/** Time budget of the fuzzing itself. */
const FUZZ_BUDGET_MS = 30_000;

const seed = Number(process.env.SHARE_FUZZ_SEED ?? Date.now() % 2 ** 31);

function mulberry32(state) {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(seed);
const int = (n) => Math.floor(random() * n);
const bytes = (n) => Uint8Array.from({ length: n }, () => int(256));
const pick = (list) => list[int(list.length)];

const writeKey = newWriteKey();
const room = documentNameOf(readKeyOf(writeKey));
const W = toBase64Url(writeKey);

/** Real updates: every incremental update of a scratch editing session plus its full state. */
function realUpdates() {
  const doc = new Y.Doc();
  const updates = [];
  doc.on("update", (update) => updates.push(update));
  for (let i = 0; i < 60; i += 1) {
    if (i % 3 === 0) addAnnotation(doc, `fuzz-${i}`, `fuzz note ${i} `.repeat(1 + int(5)));
    else doc.getText("shared").insert(int(doc.getText("shared").length + 1), `fuzz ${i} `);
    if (i % 7 === 0 && doc.getText("shared").length > 4) doc.getText("shared").delete(1, 3);
  }
  updates.push(Y.encodeStateAsUpdate(doc));
  return updates.filter((update) => update.length > 2);
}

function truncated(updates) {
  const update = pick(updates);
  return update.subarray(0, 1 + int(update.length - 1));
}

/** One random frame for an unauthenticated socket: [bytes, sendOptions]. */
function randomFrame(updates) {
  const name = pick([room, "mg1.", "x".repeat(int(40)), documentNameOf(readKeyOf(newWriteKey()))]);
  const head = () => new Writer().varString(name).varUint(int(14));
  switch (int(9)) {
    case 0: return [bytes(int(300)), { binary: true }];
    case 1: return [head().raw(bytes(int(200))).toBytes(), { binary: true }];
    case 2: return [Uint8Array.from([...new Array(2 + int(12)).fill(0xff), ...bytes(int(8))]), { binary: true }];
    case 3: return [Buffer.from(bytes(1 + int(100))).toString("latin1"), { binary: false }];
    case 4: return [new Writer().varString(name).varUint(MessageType.Sync).varUint(int(4)).varUint(2 ** 40).raw(bytes(int(20))).toBytes(), { binary: true }];
    case 5: return [authFrame(name, toBase64Url(bytes(16))), { binary: true }];
    case 6: return [updateFrame(room, truncated(updates)), { binary: true }];
    case 7: return [new Writer().varString(name).varUint(MessageType.Awareness).varUint8Array(bytes(int(60))).toBytes(), { binary: true }];
    default: return [updateFrame(room, truncated(updates)).subarray(0, 1 + int(60)), { binary: true }];
  }
}

/** One random frame for an authenticated socket in `room`. */
function authenticatedFrame(updates) {
  switch (int(5)) {
    case 0: return new Writer().varString(room).varUint(pick([6, 9, 10, 11, 99, 2 ** 31])).raw(bytes(int(40))).toBytes();
    case 1: return new Writer().varString(room).varUint(MessageType.Sync).varUint(3 + int(10)).varUint8Array(bytes(int(40))).toBytes();
    case 2: return new Writer().varString(room).varUint(MessageType.Awareness).varUint8Array(bytes(int(80))).toBytes();
    case 3: return new Writer().varString(room).varUint(MessageType.Sync).varUint(int(3)).varUint8Array(bytes(int(80))).toBytes();
    default: return updateFrame(room, truncated(updates)).subarray(0, 3 + int(40));
  }
}

let tmp;
let server;
let writer;
const dataFile = () => path.join(tmp.dir, "share.sqlite");

before(async () => {
  tmp = tempDir();
  server = await startServer({ dataFile: dataFile() });
  writer = connectClient(server.url, room, W);
  await waitFor(() => writer.state.synced, { what: "the writer to sync" });
  for (let i = 0; i < 10; i += 1) addAnnotation(writer.doc, `good-${i}`, `good note ${i}`);
});

after(async () => {
  writer?.destroy();
  await server?.stop();
  tmp?.remove();
});

async function unauthenticatedFuzz(updates, count) {
  let sent = 0;
  while (sent < count) {
    const socket = await rawSocket(server.url);
    for (let i = 0; i < BURST && sent < count; i += 1, sent += 1) socket.send(...randomFrame(updates));
    socket.close();
  }
}

async function authenticatedSocket() {
  const socket = await rawSocket(server.url);
  socket.send(authFrame(room, W));
  await waitFor(() => socket.frames.length > 0 || socket.closed, { what: "authentication" });
  return socket;
}

async function authenticatedFuzz(frames) {
  const outcomes = { closed: 0, open: 0 };
  const worker = async () => {
    while (frames.length > 0) {
      const frame = frames.pop();
      const socket = await authenticatedSocket();
      const seen = socket.frames.length;
      socket.send(frame);
      // Answered with SyncStep1 + SyncStep2 unless the frame before closed the socket.
      socket.send(syncStep1Frame(room, Y.encodeStateVector(new Y.Doc())));
      await waitFor(() => socket.closed || socket.heads().slice(seen)
        .some((head) => head.type === MessageType.Sync && head.sub === SyncType.Step2), { what: "the server to react" });
      outcomes[socket.closed ? "closed" : "open"] += 1;
      socket.close();
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_SOCKETS }, worker));
  return outcomes;
}

test(`malformed input never takes the server down (seed ${seed})`, async () => {
  const updates = realUpdates();
  const started = Date.now();
  await unauthenticatedFuzz(updates, RANDOM_FRAMES - AUTHENTICATED_RANDOM_FRAMES);
  const frames = [
    ...Array.from({ length: TRUNCATED_UPDATES }, () => updateFrame(room, truncated(updates))),
    ...Array.from({ length: AUTHENTICATED_RANDOM_FRAMES }, () => authenticatedFrame(updates)),
  ];
  const outcomes = await authenticatedFuzz(frames);
  const elapsed = Date.now() - started;
  console.log(`fuzz seed ${seed}: ${RANDOM_FRAMES} random frames, ${TRUNCATED_UPDATES} truncated updates in ${elapsed} ms; `
    + `authenticated sockets closed ${outcomes.closed}, left open ${outcomes.open}`);
  assert.ok(elapsed < FUZZ_BUDGET_MS, `fuzzing took ${elapsed} ms`);
  assert.ok(server.alive(), "the server died");
  assert.ok(outcomes.closed > TRUNCATED_UPDATES / 2, "most malformed frames should close their socket");
  const events = server.events();
  const tally = {};
  for (const e of events) {
    const key = e.event === "refused" ? `refused:${e.reason}` : e.event;
    tally[key] = (tally[key] ?? 0) + 1;
  }
  console.log(`server events: ${JSON.stringify(tally)}`);
  assert.ok(events.some((e) => e.event === "refused" && e.reason === "malformed-message"));
  assert.ok(events.some((e) => e.event === "refused" && e.reason === "text-frame"));
  assert.deepEqual(events.filter((e) => e.event === "error"), []);
  assert.equal(server.stderr, "");
});

test("a well-behaved client still syncs after the fuzzing, and the stored room loads", async () => {
  addAnnotation(writer.doc, "after-fuzz", "still fine");
  const reader = connectClient(server.url, room, W);
  await waitFor(() => reader.state.synced && reader.doc.getMap("annotations").has("after-fuzz")
    && contentOf(reader.doc) === contentOf(writer.doc), { what: "a new client to converge with the writer" });
  const expected = contentOf(writer.doc);
  reader.destroy();
  writer.destroy();
  writer = null;
  assert.equal(await server.stop(), 0);

  server = await startServer({ dataFile: dataFile() });
  const reloaded = connectClient(server.url, room, W);
  await waitFor(() => reloaded.state.synced, { what: "the reloaded room to sync" });
  assert.equal(contentOf(reloaded.doc), expected);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(reloaded.doc));
  assert.equal(contentOf(copy), expected);
  reloaded.destroy();
});
