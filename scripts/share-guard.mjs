// The Hocuspocus extension that makes the share server Marginalia's: capability
// authentication (share-keys.mjs), the per-room and per-connection limits,
// validation of every frame before Hocuspocus applies it, the document size
// limit, and the room lifecycle events of the log. It never logs content.
import * as Y from "yjs";
import { DOCUMENT_NAME_PATTERN, KEY_BYTES, accessOf, fromBase64Url } from "./share-keys.mjs";
import { log, sanitize } from "./share-log.mjs";
import { AuthType, MessageType, Reader, SyncType, WireError, readHead } from "./share-wire.mjs";

/** Websocket close codes the guard uses (4000-4999 is the application range). */
export const CloseCode = Object.freeze({
  Malformed: 4400,
  DocumentTooLarge: 4413,
  TooManyAwarenessClients: 4429,
});

/** Awareness client ids one connection may hold states for (a tab uses one). */
export const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 16;

/** Assumed worst-case growth of the encoded state per byte of applied update
 *  (an update that deletes inside long items splits them into extra structs). */
const GROWTH_PER_UPDATE_BYTE = 16;

/** Assumed worst-case fixed growth of the encoded state per applied update. */
const GROWTH_PER_UPDATE = 64;

/** Size of an empty Yjs update (no structs, no deletions): [0, 0]. */
const EMPTY_UPDATE_BYTES = 2;

/** An error Hocuspocus turns into a close of the document (code and reason). */
class Refusal extends Error {
  constructor(reason, code) {
    super(reason);
    this.name = "Refusal";
    this.reason = reason;
    this.code = code;
  }
}

/** A rejection of onAuthenticate: Hocuspocus sends `reason` as PermissionDenied.
 *  A plain object (no `message`) so the library does not log it a second time. */
function denial(reason) {
  return Object.freeze({ reason });
}

/** Who holds which rooms: connections per room and rooms per connection. */
export class Occupancy {
  constructor() {
    this.byRoom = new Map();
    this.byConnection = new Map();
  }

  connectionsIn(room) {
    return this.byRoom.get(room)?.size ?? 0;
  }

  holds(conn, room) {
    return this.byConnection.get(conn)?.has(room) ?? false;
  }

  /** Takes a place in `room` for connection `conn`; returns a refusal reason or null. */
  reserve(conn, room, limits) {
    const rooms = this.byConnection.get(conn) ?? new Map();
    if (!rooms.has(room)) {
      if (rooms.size >= limits.maxRoomsPerConnection) return "too-many-rooms";
      if (this.connectionsIn(room) >= limits.maxConnectionsPerRoom) return "room-full";
    }
    rooms.set(room, (rooms.get(room) ?? 0) + 1);
    this.byConnection.set(conn, rooms);
    if (!this.byRoom.has(room)) this.byRoom.set(room, new Set());
    this.byRoom.get(room).add(conn);
    return null;
  }

  release(conn, room) {
    const rooms = this.byConnection.get(conn);
    const held = rooms?.get(room) ?? 0;
    if (held > 1) {
      rooms.set(room, held - 1);
      return;
    }
    if (held === 0) return;
    rooms.delete(room);
    if (rooms.size === 0) this.byConnection.delete(conn);
    const holders = this.byRoom.get(room);
    holders.delete(conn);
    if (holders.size === 0) this.byRoom.delete(room);
  }

  releaseAll(conn) {
    for (const room of [...(this.byConnection.get(conn)?.keys() ?? [])]) {
      this.byConnection.get(conn)?.set(room, 1);
      this.release(conn, room);
    }
  }
}

/** Encoded size of document state `state` once `update` is applied to it. */
function encodedSizeAfter(state, update) {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, state);
    Y.applyUpdate(scratch, update);
    return Y.encodeStateAsUpdate(scratch).length;
  } finally {
    scratch.destroy();
  }
}

/**
 * Encoded size of each loaded document, kept cheaply: an exact measure (at
 * load, at each store, at each check near the limit) plus a pessimistic
 * estimate of the growth since. Only when the estimate nears the limit is an update tried on a
 * scratch copy, so small rooms never pay for the check.
 */
export class DocumentSizes {
  constructor(maxBytes) {
    this.maxBytes = maxBytes;
    this.sizes = new WeakMap();
  }

  reset(document, bytes) {
    this.sizes.set(document, { base: bytes, growth: 0 });
  }

  measure(document) {
    const bytes = Y.encodeStateAsUpdate(document).length;
    this.reset(document, bytes);
    return bytes;
  }

  grow(document, updateBytes) {
    const size = this.sizes.get(document);
    if (size) size.growth += updateBytes * GROWTH_PER_UPDATE_BYTE + GROWTH_PER_UPDATE;
  }

  /** Whether applying `update` keeps `document` within the limit. */
  admits(document, update) {
    if (!this.sizes.has(document)) this.measure(document);
    const size = this.sizes.get(document);
    const worstCase = update.length * GROWTH_PER_UPDATE_BYTE + GROWTH_PER_UPDATE;
    if (size.base + size.growth + worstCase <= this.maxBytes) return true;
    const state = Y.encodeStateAsUpdate(document);
    this.reset(document, state.length);
    return encodedSizeAfter(state, update) <= this.maxBytes;
  }
}

/** Throws unless `bytes` is an awareness update: [count]{[clientID][clock][JSON state]}. */
function checkAwarenessUpdate(bytes) {
  const reader = new Reader(bytes);
  for (let count = reader.varUint(); count > 0; count -= 1) {
    reader.varUint();
    reader.varUint();
    JSON.parse(reader.varString());
  }
}

/** Throws unless `payload` decodes as what sync step `sub` carries (a Yjs state
 *  vector for step 1, a Yjs v1 update for step 2 and updates). */
function checkSyncPayload(sub, payload) {
  if (sub === SyncType.Step1) Y.decodeStateVector(payload);
  else if (sub === SyncType.Step2 || sub === SyncType.Update) Y.decodeUpdate(payload);
  else throw new WireError(`unknown sync step ${sub}`);
}

/**
 * Decodes a whole client frame; returns `{ room, type, sub, payload }` (room:
 * the document name without a session suffix) or throws. Only the message
 * types a client may send pass, each with a sound payload.
 */
export function inspectFrame(bytes) {
  const { name, type, sub, reader } = readHead(bytes);
  let payload = null;
  switch (type) {
    case MessageType.Sync:
    case MessageType.SyncReply:
      payload = reader.varUint8Array();
      try {
        checkSyncPayload(sub, payload);
      } catch (error) {
        throw error instanceof WireError ? error : new WireError(`malformed Yjs data (${sanitize(error.message)})`);
      }
      break;
    case MessageType.Awareness:
      payload = reader.varUint8Array();
      try {
        checkAwarenessUpdate(payload);
      } catch {
        throw new WireError("malformed awareness update");
      }
      break;
    case MessageType.Auth:
      if (sub !== AuthType.Token) throw new WireError(`auth sub-type ${sub} is not sent by clients`);
      reader.varString();
      break;
    case MessageType.Stateless:
      reader.varString();
      break;
    case MessageType.QueryAwareness:
    case MessageType.Close:
      break;
    default:
      throw new WireError(`message type ${type} is not accepted from clients`);
  }
  return { room: name.split("\0")[0], type, sub, payload };
}

function isDocumentUpdate({ type, sub }) {
  return (type === MessageType.Sync || type === MessageType.SyncReply)
    && (sub === SyncType.Step2 || sub === SyncType.Update);
}

/** Logs a refusal of an established connection, closes its socket once
 *  Hocuspocus has closed the room and told the client, and returns the error
 *  to throw from the hook. */
function refuse({ connection, context, documentName }, reason, code, detail) {
  log("refused", { conn: context?.conn, room: documentName, reason, ...(detail ? { detail } : {}) });
  const socket = connection?.webSocket;
  setImmediate(() => socket?.close(code, reason));
  return new Refusal(reason, code);
}

/** The refusal reason for `token` on `documentName` and the access it grants. */
function authorize({ documentName, token, conn }, { isLive, occupancy, limits }) {
  if (!isLive(conn)) return { reason: "connection-closed" };
  if (!DOCUMENT_NAME_PATTERN.test(documentName)) return { reason: "invalid-room" };
  if (fromBase64Url(token)?.length !== KEY_BYTES) return { reason: "invalid-key" };
  const access = accessOf(documentName, token);
  if (access === null) return { reason: "permission-denied" };
  return { reason: occupancy.reserve(conn, documentName, limits), access };
}

/** onAuthenticate and onDisconnect: who may join which room, and leaving. */
function admissionHooks(shared) {
  return {
    async onAuthenticate({ documentName, token, connectionConfig, context }) {
      const conn = context.conn;
      const { reason, access } = authorize({ documentName, token, conn }, shared);
      if (reason !== null) {
        const room = DOCUMENT_NAME_PATTERN.test(documentName) ? documentName : null;
        log("refused", { conn, room, reason });
        throw denial(reason);
      }
      if (access === "read-only") connectionConfig.readOnly = true;
      log("authenticated", { conn, room: documentName, access });
    },

    async onDisconnect({ context, documentName }) {
      shared.occupancy.release(context?.conn, documentName);
      log("left", { conn: context?.conn, room: documentName });
    },
  };
}

/** Checks of each message of an established connection, and size accounting. */
function messageHooks({ inspected, sizes }) {
  return {
    async beforeHandleMessage(payload) {
      let message;
      try {
        message = inspected.get(payload.update) ?? inspectFrame(payload.update);
      } catch (error) {
        throw refuse(payload, "malformed-message", CloseCode.Malformed, sanitize(error.message));
      }
      if (!isDocumentUpdate(message)) return;
      if (payload.connection.readOnly) {
        // Hocuspocus drops it (and answers SyncStatus); this only records it.
        if (message.payload.length > EMPTY_UPDATE_BYTES) {
          log("dropped", { conn: payload.context?.conn, room: payload.documentName, reason: "read-only" });
        }
      } else if (!sizes.admits(payload.document, message.payload)) {
        throw refuse(payload, "document-too-large", CloseCode.DocumentTooLarge);
      }
    },

    async beforeHandleAwareness(payload) {
      const { connection, document, states } = payload;
      if (!connection) return;
      const known = document.awareness.getStates();
      const added = [...states.keys()].filter((id) => !known.has(id)).length;
      if (document.getClients(connection).size + added > MAX_AWARENESS_CLIENTS_PER_CONNECTION) {
        throw refuse(payload, "too-many-awareness-clients", CloseCode.TooManyAwarenessClients);
      }
    },

    async onChange({ document, update }) {
      sizes.grow(document, update.length);
    },
  };
}

/** Log events of a room's life: loaded, stored, unloaded, with byte sizes. */
function roomHooks({ sizes, storedBytes }) {
  return {
    async afterLoadDocument({ document, documentName }) {
      log("room-loaded", { room: documentName, bytes: sizes.measure(document) });
    },

    async afterStoreDocument({ documentName }) {
      log("room-stored", { room: documentName, bytes: storedBytes.get(documentName) ?? null });
    },

    async afterUnloadDocument({ documentName }) {
      storedBytes.delete(documentName);
      log("room-unloaded", { room: documentName });
    },
  };
}

/**
 * The extension plus the state it shares with the transport. `limits` holds
 * maxConnectionsPerRoom, maxRoomsPerConnection and maxDocumentBytes;
 * `isLive(conn)` tells whether transport connection `conn` is still open;
 * `inspected` maps frames the transport already decoded to inspectFrame's result.
 */
export function createGuard({ limits, isLive, inspected }) {
  const shared = {
    limits,
    isLive,
    inspected,
    occupancy: new Occupancy(),
    sizes: new DocumentSizes(limits.maxDocumentBytes),
    storedBytes: new Map(),
  };
  const extension = {
    extensionName: "MarginaliaGuard",
    priority: 2000,
    ...admissionHooks(shared),
    ...messageHooks(shared),
    ...roomHooks(shared),
  };

  /** Wraps a Database extension's `store` so each store resets the size
   *  estimate to the exact stored size and the log can report it. */
  function watchStores(databaseExtension) {
    const store = databaseExtension.configuration.store;
    databaseExtension.configuration.store = (data) => {
      shared.sizes.reset(data.document, data.state.length);
      shared.storedBytes.set(data.documentName, data.state.length);
      return store(data);
    };
  }

  return { extension, occupancy: shared.occupancy, sizes: shared.sizes, watchStores };
}
