// The Hocuspocus 4.7 wire format, as small dependency-free readers and writers:
// every websocket frame (binary) is [varString documentName][varUint type][payload].
// The share server uses the reader to inspect frames before Hocuspocus applies
// them; the tests use both to speak the protocol byte by byte.

/** Message types (first varUint after the document name). */
export const MessageType = Object.freeze({
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  SyncReply: 4,
  Stateless: 5,
  BroadcastStateless: 6,
  Close: 7,
  SyncStatus: 8,
  Ping: 9,
  Pong: 10,
});

/** y-protocols sync sub-types (the varUint after a Sync/SyncReply type). */
export const SyncType = Object.freeze({ Step1: 0, Step2: 1, Update: 2 });

/** Auth sub-types (the varUint after an Auth type). */
export const AuthType = Object.freeze({ Token: 0, PermissionDenied: 1, Authenticated: 2 });

/** A varUint may not use more bytes than this (lib0 caps values at 2^53). */
const MAX_VARUINT_BYTES = 8;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: false });

/** Thrown by the reader on anything that is not a well-formed frame. */
export class WireError extends Error {
  constructor(message) {
    super(message);
    this.name = "WireError";
  }
}

/** Sequential reader over one frame. */
export class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.pos = 0;
  }

  get remaining() {
    return this.bytes.length - this.pos;
  }

  varUint() {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < MAX_VARUINT_BYTES; i += 1) {
      if (this.pos >= this.bytes.length) throw new WireError("truncated varUint");
      const byte = this.bytes[this.pos];
      this.pos += 1;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (!Number.isSafeInteger(value)) throw new WireError("varUint out of range");
        return value;
      }
      scale *= 128;
    }
    throw new WireError("varUint too long");
  }

  bytesOf(length) {
    if (length > this.remaining) throw new WireError("length prefix beyond the frame");
    const view = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return view;
  }

  varUint8Array() {
    return this.bytesOf(this.varUint());
  }

  varString() {
    return utf8Decoder.decode(this.varUint8Array());
  }
}

/** Growable writer producing one frame. */
export class Writer {
  constructor() {
    this.parts = [];
  }

  varUint(value) {
    const out = [];
    let rest = value;
    while (rest >= 0x80) {
      out.push((rest % 128) | 0x80);
      rest = Math.floor(rest / 128);
    }
    out.push(rest);
    this.parts.push(Uint8Array.from(out));
    return this;
  }

  raw(bytes) {
    this.parts.push(Uint8Array.from(bytes));
    return this;
  }

  varUint8Array(bytes) {
    return this.varUint(bytes.length).raw(bytes);
  }

  varString(text) {
    return this.varUint8Array(utf8.encode(text));
  }

  toBytes() {
    const length = this.parts.reduce((sum, part) => sum + part.length, 0);
    const out = new Uint8Array(length);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

/** [name][Auth][Token][token][providerVersion]: what a client sends to authenticate. */
export function authFrame(documentName, token, providerVersion = "marginalia-test") {
  return new Writer()
    .varString(documentName).varUint(MessageType.Auth)
    .varUint(AuthType.Token).varString(token).varString(providerVersion)
    .toBytes();
}

/** [name][Sync][Step1][stateVector]: asks for everything the sender lacks. */
export function syncStep1Frame(documentName, stateVector) {
  return new Writer()
    .varString(documentName).varUint(MessageType.Sync)
    .varUint(SyncType.Step1).varUint8Array(stateVector)
    .toBytes();
}

/** [name][Sync][Update][update]: one Yjs (v1) update. */
export function updateFrame(documentName, update) {
  return new Writer()
    .varString(documentName).varUint(MessageType.Sync)
    .varUint(SyncType.Update).varUint8Array(update)
    .toBytes();
}

/** [name][Awareness][update]: an awareness update (raw bytes, not checked). */
export function awarenessFrame(documentName, awarenessUpdate) {
  return new Writer()
    .varString(documentName).varUint(MessageType.Awareness)
    .varUint8Array(awarenessUpdate)
    .toBytes();
}

/**
 * Decodes the head of a frame: `{ name, type, sub, reader }` where `sub` is the
 * sync or auth sub-type when there is one (else null) and `reader` is left at
 * the payload that follows. Throws WireError on a malformed head.
 */
export function readHead(bytes) {
  const reader = new Reader(bytes);
  const name = reader.varString();
  const type = reader.varUint();
  let sub = null;
  if (type === MessageType.Sync || type === MessageType.SyncReply || type === MessageType.Auth) {
    sub = reader.varUint();
  }
  return { name, type, sub, reader };
}
