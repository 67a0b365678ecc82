// Capability authentication of the share server: the write key writes, the read
// key only reads (the server drops its updates, live and on disk), and any other
// token is denied without receiving a byte of the room.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import * as Y from "yjs";
import { documentNameOf, newWriteKey, readKeyOf, toBase64Url } from "../../scripts/share-keys.mjs";
import { AuthType, MessageType, authFrame, syncStep1Frame, updateFrame } from "../../scripts/share-wire.mjs";
import {
  addAnnotation, connectClient, contentOf, rawSocket, startServer, tempDir, waitFor,
} from "./harness.mjs";

const writeKey = newWriteKey();
const readKey = readKeyOf(writeKey);
const room = documentNameOf(readKey);
const W = toBase64Url(writeKey);
const R = toBase64Url(readKey);

let tmp;
let server;
const clients = [];

function client(token, name = room) {
  const made = connectClient(server.url, name, token);
  clients.push(made);
  return made;
}

async function ready(made, scope) {
  await waitFor(() => made.state.scope === scope && made.state.synced, { what: `a ${scope} client to sync` });
}

const hasAnnotation = (made, id) => made.doc.getMap("annotations").has(id);

before(async () => {
  tmp = tempDir();
  server = await startServer({ dataFile: path.join(tmp.dir, "share.sqlite") });
});

after(async () => {
  for (const made of clients) made.destroy();
  await server?.stop();
  tmp?.remove();
});

test("two clients with the write key edit the same room and converge", async () => {
  const a = client(W);
  const b = client(W);
  await ready(a, "read-write");
  await ready(b, "read-write");
  addAnnotation(a.doc, "a1", "note from a");
  addAnnotation(b.doc, "b1", "note from b");
  a.doc.getText("shared").insert(0, "typed by a; ");
  b.doc.getText("shared").insert(0, "typed by b; ");
  await waitFor(() => hasAnnotation(a, "b1") && hasAnnotation(b, "a1")
    && contentOf(a.doc) === contentOf(b.doc), { what: "the writers to converge" });
});

test("a read-key client sees changes live; the server drops its own updates", async () => {
  const [a, b] = clients;
  const reader = client(R);
  await ready(reader, "readonly");
  assert.equal(contentOf(reader.doc), contentOf(a.doc));
  addAnnotation(a.doc, "a2", "live change");
  await waitFor(() => hasAnnotation(reader, "a2"), { what: "the reader to see a live change" });

  addAnnotation(reader.doc, "reader-edit", "READER-EDIT");
  await waitFor(() => reader.state.statuses.includes(0), { what: "the server to refuse the reader's update" });
  addAnnotation(a.doc, "a3", "after the reader's edit");
  await waitFor(() => hasAnnotation(b, "a3") && hasAnnotation(reader, "a3"), { what: "a later change to arrive" });
  assert.equal(hasAnnotation(a, "reader-edit"), false);
  assert.equal(hasAnnotation(b, "reader-edit"), false);

  const late = client(W);
  await ready(late, "read-write");
  assert.equal(hasAnnotation(late, "a3"), true);
  assert.equal(hasAnnotation(late, "reader-edit"), false);
  assert.ok(server.events().some((e) => e.event === "dropped" && e.reason === "read-only"));
});

test("the read key's dropped update is not persisted", async () => {
  while (clients.length) clients.pop().destroy();
  await waitFor(() => server.events().some((e) => e.event === "room-unloaded"), { what: "the room to unload" });
  assert.equal(await server.stop(), 0);
  server = await startServer({ dataFile: path.join(tmp.dir, "share.sqlite") });
  const again = client(W);
  await ready(again, "read-write");
  assert.equal(hasAnnotation(again, "a3"), true);
  assert.equal(hasAnnotation(again, "reader-edit"), false);
  assert.doesNotMatch(contentOf(again.doc), /READER-EDIT/);
});

test("wrong, missing, malformed and foreign keys are denied and get no data", async () => {
  const otherWrite = newWriteKey();
  const cases = [
    [toBase64Url(newWriteKey()), "permission-denied"],
    [toBase64Url(otherWrite), "permission-denied"],
    [toBase64Url(readKeyOf(otherWrite)), "permission-denied"],
    [null, "invalid-key"],
    ["not a key", "invalid-key"],
    [`${W}==`, "invalid-key"],
  ];
  const denied = cases.map(([token]) => client(token));
  await waitFor(() => denied.every((made) => made.state.denied !== null), { what: "every bad key to be denied" });
  denied.forEach((made, i) => {
    assert.equal(made.state.denied, cases[i][1], `case ${i}`);
    assert.equal(made.state.synced, false);
    assert.equal(made.doc.getMap("annotations").size, 0);
  });
  const badRoom = client(W, "notes");
  await waitFor(() => badRoom.state.denied === "invalid-room", { what: "a bad room name to be denied" });
});

test("a raw socket with a wrong key receives only PermissionDenied frames", async () => {
  const socket = await rawSocket(server.url);
  const empty = Y.encodeStateVector(new Y.Doc());
  socket.send(syncStep1Frame(room, empty));
  socket.send(authFrame(room, toBase64Url(newWriteKey())));
  socket.send(syncStep1Frame(room, empty));
  await waitFor(() => socket.frames.length >= 1, { what: "a denial" });
  // While one Auth of a room is pending, Hocuspocus queues (and then drops) the next.
  socket.send(syncStep1Frame(room, empty));
  socket.send(updateFrame(room, Y.encodeStateAsUpdate(new Y.Doc())));
  socket.send(authFrame(room, ""));
  await waitFor(() => socket.frames.length >= 2, { what: "a second denial" });
  socket.send(authFrame(documentNameOf(readKeyOf(newWriteKey())), W));
  await waitFor(() => socket.frames.length >= 3, { what: "a third denial" });
  for (const head of socket.heads()) {
    assert.equal(head.type, MessageType.Auth);
    assert.equal(head.sub, AuthType.PermissionDenied);
  }
  const received = Buffer.concat(socket.frames.map((frame) => Buffer.from(frame))).toString("latin1");
  assert.doesNotMatch(received, /note from|live change|typed by/);
  socket.close();
});
