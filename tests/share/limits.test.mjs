// Limits of the share server, on a server started with small ones: message size,
// document size, connections per room, rooms per connection, plus the built-in
// ones: a reader that stalls, awareness states per connection.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import * as Y from "yjs";
import { documentNameOf, newWriteKey, readKeyOf, toBase64Url } from "../../scripts/share-keys.mjs";
import { CloseCode, MAX_AWARENESS_CLIENTS_PER_CONNECTION } from "../../scripts/share-guard.mjs";
import { AuthType, MessageType, Writer, authFrame, awarenessFrame, readHead, updateFrame } from "../../scripts/share-wire.mjs";
import { connectClient, rawSocket, sharedSocket, startServer, tempDir, waitFor } from "./harness.mjs";

/** The limits this file's server runs with. */
const MAX_MESSAGE_BYTES = 64 * 1024;
const MAX_DOCUMENT_BYTES = 300 * 1024;
const MAX_CONNECTIONS_PER_ROOM = 3;
const MAX_ROOMS_PER_CONNECTION = 2;

/** Size of each chunk of text written towards the document limit. */
const CHUNK_CHARS = 50 * 1024;

/** Updates pushed at a stalled reader before giving up on seeing it cut off
 *  (the kernel's socket buffers absorb a few MB first). */
const SLOW_CONSUMER_MAX_UPDATES = 1000;

let tmp;
let server;
const cleanups = [];

function newRoom() {
  const writeKey = newWriteKey();
  return { name: documentNameOf(readKeyOf(writeKey)), W: toBase64Url(writeKey) };
}

function client(room, options) {
  const made = connectClient(server.url, room.name, room.W, options);
  cleanups.push(() => made.destroy());
  return made;
}

async function writerSocket(room) {
  const socket = await rawSocket(server.url);
  cleanups.push(() => socket.close());
  socket.send(authFrame(room.name, room.W));
  await waitFor(() => socket.heads().some((h) => h.type === MessageType.Auth), { what: "authentication" });
  return socket;
}

/** An update inserting `chars` fresh random characters (incompressible for Yjs). */
function bigUpdate(chars) {
  const doc = new Y.Doc();
  const text = Array.from({ length: chars }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
  doc.getText("shared").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

const acks = (socket) => socket.heads().filter((h) => h.type === MessageType.SyncStatus).length;

before(async () => {
  tmp = tempDir();
  server = await startServer({
    dataFile: path.join(tmp.dir, "share.sqlite"),
    args: [
      "--max-message-bytes", String(MAX_MESSAGE_BYTES),
      "--max-document-bytes", String(MAX_DOCUMENT_BYTES),
      "--max-connections-per-room", String(MAX_CONNECTIONS_PER_ROOM),
      "--max-rooms-per-connection", String(MAX_ROOMS_PER_CONNECTION),
    ],
  });
});

after(async () => {
  for (const cleanup of cleanups) cleanup();
  await server?.stop();
  tmp?.remove();
});

test("a message over max-message-bytes closes its socket (1009); one under it is applied", async () => {
  const room = newRoom();
  const socket = await writerSocket(room);
  socket.send(updateFrame(room.name, bigUpdate(MAX_MESSAGE_BYTES - 1024)));
  await waitFor(() => acks(socket) === 1, { what: "the message under the limit to be applied" });
  socket.send(updateFrame(room.name, bigUpdate(MAX_MESSAGE_BYTES + 16)));
  await waitFor(() => socket.closed, { what: "the socket to close" });
  assert.equal(socket.closed.code, 1009);
  assert.ok(server.events().some((e) => e.event === "refused" && e.reason === "message-too-big"));
  const reader = client(room);
  await waitFor(() => reader.state.synced, { what: "a client to sync" });
  assert.equal(reader.doc.getText("shared").length, MAX_MESSAGE_BYTES - 1024);
});

test("an update that would grow a room past max-document-bytes is refused and the socket closed", async () => {
  const room = newRoom();
  const socket = await writerSocket(room);
  let sent = 0;
  while (!socket.closed && sent < 20) {
    socket.send(updateFrame(room.name, bigUpdate(CHUNK_CHARS)));
    sent += 1;
    await waitFor(() => acks(socket) === sent || socket.closed, { what: "an answer to a chunk" });
  }
  assert.equal(socket.closed?.code, 4413);
  const accepted = acks(socket);
  console.log(`document limit ${MAX_DOCUMENT_BYTES} B: ${accepted} chunks of ${CHUNK_CHARS} characters accepted, chunk ${accepted + 1} refused`);
  assert.ok(accepted >= Math.floor(MAX_DOCUMENT_BYTES / CHUNK_CHARS) - 1, `only ${accepted} chunks accepted`);
  const close = socket.frames.map((frame) => readHead(frame)).find((head) => head.type === MessageType.Close);
  assert.equal(close?.reader.varString(), "document-too-large");
  const reader = client(room);
  await waitFor(() => reader.state.synced, { what: "a client to sync" });
  assert.equal(reader.doc.getText("shared").length, accepted * CHUNK_CHARS);
  assert.ok(Y.encodeStateAsUpdate(reader.doc).length <= MAX_DOCUMENT_BYTES);
  assert.ok(server.events().some((e) => e.event === "refused" && e.reason === "document-too-large"));
});

test("a room admits max-connections-per-room sockets; a place frees when one leaves", async () => {
  const room = newRoom();
  const inside = Array.from({ length: MAX_CONNECTIONS_PER_ROOM }, () => client(room));
  await waitFor(() => inside.every((made) => made.state.synced), { what: "the first clients to sync" });
  const extra = client(room);
  await waitFor(() => extra.state.denied, { what: "the extra client to be refused" });
  assert.equal(extra.state.denied, "room-full");
  extra.destroy();
  const leftBefore = server.events().filter((e) => e.event === "left" && e.room === room.name).length;
  inside[0].destroy();
  await waitFor(() => server.events().filter((e) => e.event === "left" && e.room === room.name).length > leftBefore,
    { what: "the server to see a client leave" });
  const next = client(room);
  await waitFor(() => next.state.synced, { what: "a new client to take the free place" });
});

test("a socket joins at most max-rooms-per-connection rooms; leaving one frees a place", async () => {
  const socket = sharedSocket(server.url);
  cleanups.push(() => socket.destroy());
  const rooms = Array.from({ length: MAX_ROOMS_PER_CONNECTION + 1 }, newRoom);
  const joined = rooms.slice(0, MAX_ROOMS_PER_CONNECTION).map((room) => client(room, { websocketProvider: socket }));
  await waitFor(() => joined.every((made) => made.state.synced), { what: "the first rooms to sync" });
  const extra = client(rooms.at(-1), { websocketProvider: socket });
  await waitFor(() => extra.state.denied, { what: "the extra room to be refused" });
  assert.equal(extra.state.denied, "too-many-rooms");
  extra.destroy();
  joined[0].destroy();
  await waitFor(() => server.events().some((e) => e.event === "left" && e.room === rooms[0].name),
    { what: "the server to see a room left" });
  const again = client(rooms.at(-1), { websocketProvider: socket });
  await waitFor(() => again.state.synced, { what: "the extra room to join once a place is free" });
});

test("a burst of authentications for many rooms on one socket never joins more than the limit", async () => {
  const socket = await rawSocket(server.url);
  cleanups.push(() => socket.close());
  const rooms = Array.from({ length: MAX_ROOMS_PER_CONNECTION * 3 }, newRoom);
  for (const room of rooms) socket.send(authFrame(room.name, room.W));
  await waitFor(() => socket.closed || socket.heads().filter((h) => h.type === MessageType.Auth).length === rooms.length,
    { what: "every authentication to be answered or the socket closed" });
  const granted = socket.frames.map((frame) => readHead(frame))
    .filter((head) => head.type === MessageType.Auth && head.sub === AuthType.Authenticated);
  const denied = socket.heads().filter((h) => h.type === MessageType.Auth && h.sub === AuthType.PermissionDenied);
  console.log(`burst of ${rooms.length} authentications: ${granted.length} joined, ${denied.length} denied, `
    + `socket ${socket.closed ? `closed ${socket.closed.code}` : "open"}`);
  assert.ok(granted.length <= MAX_ROOMS_PER_CONNECTION, `${granted.length} rooms joined`);
  assert.ok(granted.every((head) => head.reader.varString() === "read-write"));
});

test("a burst of one authentication too many on one socket: the extra room alone is refused", async () => {
  const socket = await rawSocket(server.url);
  cleanups.push(() => socket.close());
  const rooms = Array.from({ length: MAX_ROOMS_PER_CONNECTION + 1 }, newRoom);
  for (const room of rooms) socket.send(authFrame(room.name, room.W));
  await waitFor(() => socket.heads().filter((h) => h.type === MessageType.Auth).length === rooms.length,
    { what: "every authentication to be answered" });
  const answers = socket.frames.map((frame) => readHead(frame)).filter((head) => head.type === MessageType.Auth);
  const granted = answers.filter((head) => head.sub === AuthType.Authenticated);
  const denied = answers.filter((head) => head.sub === AuthType.PermissionDenied);
  assert.equal(granted.length, MAX_ROOMS_PER_CONNECTION);
  assert.deepEqual(denied.map((head) => head.reader.varString()), ["too-many-rooms"]);
  assert.equal(socket.closed, null);
});

test("a client that stops reading is cut off instead of buffering broadcasts for ever", async () => {
  const room = newRoom();
  const stalled = await writerSocket(room);
  stalled.ws._socket.pause();
  const writer = await writerSocket(room);
  const doc = new Y.Doc();
  let sent = 0;
  const push = () => {
    const before = Y.encodeStateVector(doc);
    if (doc.getText("shared").length === 0) doc.getText("shared").insert(0, "y".repeat(CHUNK_CHARS));
    else doc.getText("shared").delete(0, CHUNK_CHARS);
    writer.send(updateFrame(room.name, Y.encodeStateAsUpdate(doc, before)));
    sent += 1;
  };
  const cutOff = () => server.events().some((e) => e.event === "refused" && e.reason === "slow-consumer");
  while (!cutOff() && sent < SLOW_CONSUMER_MAX_UPDATES) {
    push();
    await waitFor(() => acks(writer) === sent, { what: "the writer's update to be applied" });
  }
  console.log(`stalled reader cut off after ${sent} updates of up to ${CHUNK_CHARS} characters`);
  assert.ok(cutOff(), `no cut-off after ${sent} updates`);
  assert.equal(writer.closed, null);
});

test("one connection cannot publish awareness states for many client ids", async () => {
  const room = newRoom();
  const socket = await writerSocket(room);
  const states = (ids) => {
    const update = new Writer().varUint(ids.length);
    for (const id of ids) update.varUint(id).varUint(1).varString(JSON.stringify({ user: `u${id}` }));
    return awarenessFrame(room.name, update.toBytes());
  };
  socket.send(states([1, 2]));
  const many = Array.from({ length: MAX_AWARENESS_CLIENTS_PER_CONNECTION }, (_, i) => 100 + i);
  socket.send(states(many));
  await waitFor(() => socket.closed, { what: "the socket to close" });
  assert.equal(socket.closed.code, CloseCode.TooManyAwarenessClients);
});
