// Capability keys for Marginalia's shared rooms (the Rust client derives the same):
//   write key W = 16 random bytes
//   read key  R = SHA-256("marginalia-read-v1:" ++ W)[0..16]
//   room id     = hex(SHA-256("marginalia-room-v1:" ++ R)[0..16]); document name "mg1." ++ room id
// Keys travel as unpadded base64url (22 characters). The server stores no secret:
// it re-derives the room from whatever key a client presents.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Length in bytes of a write key and of a read key. */
export const KEY_BYTES = 16;

/** Length in bytes of a room id (its hex form is twice as long). */
export const ROOM_BYTES = 16;

/** Domain-separation prefix hashed in front of W to derive R. */
export const READ_KEY_LABEL = "marginalia-read-v1:";

/** Domain-separation prefix hashed in front of R to derive the room id. */
export const ROOM_LABEL = "marginalia-room-v1:";

/** Prefix of every shared document name (the protocol version of the scheme). */
export const DOCUMENT_PREFIX = "mg1.";

/** The only document names the server accepts. */
export const DOCUMENT_NAME_PATTERN = /^mg1\.[0-9a-f]{32}$/;

const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;

/** Unpadded base64url of `bytes`. */
export function toBase64Url(bytes) {
  return Buffer.from(bytes).toString("base64url");
}

/**
 * Strict unpadded base64url decoding: returns the bytes, or null for anything
 * that is not the canonical encoding (padding, other alphabets, stray bits).
 */
export function fromBase64Url(text) {
  if (typeof text !== "string" || !BASE64URL_PATTERN.test(text) || text.length % 4 === 1) {
    return null;
  }
  const bytes = Buffer.from(text, "base64url");
  return toBase64Url(bytes) === text ? new Uint8Array(bytes) : null;
}

function labelledHash(label, bytes, length) {
  const hash = createHash("sha256");
  hash.update(Buffer.from(label, "utf8"));
  hash.update(bytes);
  return new Uint8Array(hash.digest().subarray(0, length));
}

function checkKey(key, what) {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
    throw new TypeError(`${what} must be ${KEY_BYTES} bytes`);
  }
}

/** A fresh random write key (16 bytes). */
export function newWriteKey() {
  return new Uint8Array(randomBytes(KEY_BYTES));
}

/** The read key that belongs to write key `writeKey`. */
export function readKeyOf(writeKey) {
  checkKey(writeKey, "a write key");
  return labelledHash(READ_KEY_LABEL, writeKey, KEY_BYTES);
}

/** The room id bytes of read key `readKey` (16 bytes). */
export function roomBytesOf(readKey) {
  checkKey(readKey, "a read key");
  return labelledHash(ROOM_LABEL, readKey, ROOM_BYTES);
}

/** The room id of read key `readKey`: 32 lowercase hex characters. */
export function roomOf(readKey) {
  return Buffer.from(roomBytesOf(readKey)).toString("hex");
}

/** The Hocuspocus document name of read key `readKey`: "mg1." + room id. */
export function documentNameOf(readKey) {
  return DOCUMENT_PREFIX + roomOf(readKey);
}

/**
 * What `token` grants on document `documentName`: "read-write" when it is the
 * room's write key, "read-only" when it is its read key, else null. Both
 * comparisons always run and are constant-time.
 */
export function accessOf(documentName, token) {
  if (typeof documentName !== "string" || !DOCUMENT_NAME_PATTERN.test(documentName)) {
    return null;
  }
  const key = fromBase64Url(token);
  if (key === null || key.length !== KEY_BYTES) {
    return null;
  }
  const wanted = Buffer.from(documentName.slice(DOCUMENT_PREFIX.length), "hex");
  const asWriteKey = timingSafeEqual(roomBytesOf(readKeyOf(key)), wanted);
  const asReadKey = timingSafeEqual(roomBytesOf(key), wanted);
  if (asWriteKey) return "read-write";
  if (asReadKey) return "read-only";
  return null;
}
