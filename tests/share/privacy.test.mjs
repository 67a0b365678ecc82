// Log privacy of the share server: after a session in which a note text was
// typed (and smuggled into awareness, text frames, bad frames and a room name),
// the server's stdout and stderr contain neither that text nor any key.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import * as Y from "yjs";
import { documentNameOf, newWriteKey, readKeyOf, toBase64Url } from "../../scripts/share-keys.mjs";
import { MessageType, Writer, authFrame, awarenessFrame, updateFrame } from "../../scripts/share-wire.mjs";
import { addAnnotation, connectClient, rawSocket, startServer, tempDir, waitFor } from "./harness.mjs";

const SECRET = "SECRET-NOTE-TEXT-123";

/** An awareness update whose state is not JSON and quotes the secret. */
function badAwareness() {
  return new Writer().varUint(1).varUint(4242).varUint(1).varString(`{"note": "${SECRET}"`).toBytes();
}

async function smuggle(url, room, W) {
  const wrongKey = toBase64Url(newWriteKey());
  const attempts = [
    [authFrame(room, W), awarenessFrame(room, badAwareness())],
    [authFrame(room, W), updateFrame(room, Y.encodeStateAsUpdate(secretDoc()).subarray(0, 30))],
    [authFrame(room, W), new Writer().varString(room).varUint(MessageType.Stateless).varString(SECRET).toBytes()],
    [authFrame(room, wrongKey), authFrame(SECRET, W)],
    [`${SECRET} as a text frame`],
  ];
  for (const frames of attempts) {
    const socket = await rawSocket(url);
    for (const frame of frames) socket.send(frame, { binary: typeof frame !== "string" });
    await waitFor(() => socket.closed || socket.frames.length >= frames.length, { what: "the server to answer" });
    socket.close();
  }
  return wrongKey;
}

function secretDoc() {
  const doc = new Y.Doc();
  addAnnotation(doc, "smuggled", `${SECRET} ${SECRET}`);
  return doc;
}

test("the server's output never contains note text or keys", async () => {
  const tmp = tempDir();
  const server = await startServer({ dataFile: path.join(tmp.dir, "share.sqlite") });
  const writeKey = newWriteKey();
  const readKey = readKeyOf(writeKey);
  const room = documentNameOf(readKey);
  const [W, R] = [toBase64Url(writeKey), toBase64Url(readKey)];
  try {
    const writer = connectClient(server.url, room, W);
    const reader = connectClient(server.url, room, R);
    await waitFor(() => writer.state.synced && reader.state.synced, { what: "both clients to sync" });
    writer.provider.setAwarenessField("user", { name: SECRET, typing: SECRET });
    addAnnotation(writer.doc, "n1", "");
    const note = writer.doc.getMap("annotations").get("n1").get("note");
    for (const ch of SECRET) note.insert(note.length, ch);
    await waitFor(() => reader.doc.getMap("annotations").get("n1")?.get("note").toString() === SECRET,
      { what: "the reader to see the typed note" });
    addAnnotation(reader.doc, "from-reader", SECRET);
    const wrongKey = await smuggle(server.url, room, W);
    writer.destroy();
    reader.destroy();
    assert.equal(await server.stop(), 0);

    const output = server.output();
    assert.ok(server.events().some((e) => e.event === "room-stored"), "the session was logged");
    for (const secret of [SECRET, W, R, wrongKey, Buffer.from(writeKey).toString("hex"), Buffer.from(readKey).toString("hex")]) {
      assert.equal(output.includes(secret), false, `the output contains ${secret === SECRET ? "the note text" : "a key"}`);
    }
  } finally {
    await server.stop();
    tmp.remove();
  }
});
