// Key derivation of shared rooms: fixed test vectors (the Rust client checks the
// same ones), strict base64url, and what each key grants.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  accessOf, documentNameOf, fromBase64Url, newWriteKey, readKeyOf, roomOf, toBase64Url,
} from "../../scripts/share-keys.mjs";

/** W = bytes 0x00..0x0f and what follows from it. */
const VECTOR = {
  writeKey: "AAECAwQFBgcICQoLDA0ODw",
  readKey: "4EqBeySJc4xd2lLmQu99EA",
  readKeyHex: "e04a817b2489738c5dda52e642ef7d10",
  room: "f1985fe067ceb466d599036245ac78cc",
  documentName: "mg1.f1985fe067ceb466d599036245ac78cc",
};

test("test vectors for W = 00 01 .. 0f", () => {
  const writeKey = Uint8Array.from({ length: 16 }, (_, i) => i);
  const readKey = readKeyOf(writeKey);
  const vector = {
    writeKey: toBase64Url(writeKey),
    readKey: toBase64Url(readKey),
    readKeyHex: Buffer.from(readKey).toString("hex"),
    room: roomOf(readKey),
    documentName: documentNameOf(readKey),
  };
  console.log(`share key vectors: ${JSON.stringify(vector)}`);
  assert.deepEqual(vector, VECTOR);
});

test("base64url is unpadded and strict", () => {
  assert.deepEqual(fromBase64Url(VECTOR.writeKey), Uint8Array.from({ length: 16 }, (_, i) => i));
  for (const bad of [`${VECTOR.writeKey}==`, "AAECAwQFBgcICQoLDA0ODx", "AAECAwQFBgcICQoLDA0OD+", "A", "AA ECAwQFBgcICQoLDA0ODw"]) {
    assert.equal(fromBase64Url(bad), null, bad);
  }
  assert.equal(toBase64Url(newWriteKey()).length, 22);
});

test("a write key grants read-write, its read key read-only, anything else nothing", () => {
  const writeKey = newWriteKey();
  const readKey = readKeyOf(writeKey);
  const name = documentNameOf(readKey);
  assert.match(name, /^mg1\.[0-9a-f]{32}$/);
  assert.equal(accessOf(name, toBase64Url(writeKey)), "read-write");
  assert.equal(accessOf(name, toBase64Url(readKey)), "read-only");
  assert.equal(accessOf(name, toBase64Url(newWriteKey())), null);
  assert.equal(accessOf(name, toBase64Url(readKeyOf(readKey))), null);
  assert.equal(accessOf(name, ""), null);
  assert.equal(accessOf(name.toUpperCase(), toBase64Url(writeKey)), null);
  assert.equal(accessOf(`${name}0`, toBase64Url(writeKey)), null);
});
