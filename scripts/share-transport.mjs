// The share server's network edge: an HTTP server whose websocket upgrades (the
// `ws` package) are handed to Hocuspocus. Here each frame is checked before the
// library sees it (binary only, at most max-message-bytes, a well-formed message
// of a type clients may send), and socket-level events are logged.
import { createServer } from "node:http";
import { WebSocket, WebSocketServer } from "ws";
import { log, sanitize } from "./share-log.mjs";
import { CloseCode, inspectFrame } from "./share-guard.mjs";
import { MessageType } from "./share-wire.mjs";

/** Close code for a text frame: RFC 6455 "unsupported data". */
const CLOSE_UNSUPPORTED_DATA = 1003;

/** Close code sent to every client when the server stops: RFC 6455 "going away". */
const CLOSE_GOING_AWAY = 1001;

/** ws error codes and the refusal reason each one is logged as. */
const WS_ERROR_REASONS = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: "message-too-big",
  WS_ERR_INVALID_UTF8: "text-frame",
};

/** A socket with more than this many bytes queued for sending, in documents of the
 *  maximum size, is a client that stopped reading: it is cut off. */
const SLOW_CONSUMER_DOCUMENTS = 2;

/** Hocuspocus only reads the URL and headers of this stand-in request; the real
 *  one is not passed on, so nothing from it can reach a hook or a log. */
const PLACEHOLDER_URL = "http://marginalia-share/";

function answerHttp(request, response, stats) {
  if (request.method === "GET" && request.url === "/health") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ ok: true, ...stats() }));
    return;
  }
  response.writeHead(426, { "content-type": "text/plain" });
  response.end("marginalia-share: connect with a WebSocket (Hocuspocus protocol)\n");
}

/** Wraps ws.send so that a client which stopped reading cannot make the server
 *  buffer broadcasts for it without end: past `maxBufferedBytes` it is cut off. */
function limitBuffering(conn, ws, maxBufferedBytes) {
  const send = ws.send.bind(ws);
  ws.send = (data, ...rest) => {
    if (ws.bufferedAmount > maxBufferedBytes) {
      if (ws.readyState === WebSocket.OPEN) log("refused", { conn, reason: "slow-consumer", buffered: ws.bufferedAmount });
      ws.terminate();
      return;
    }
    send(data, ...rest);
  };
}

/**
 * The transport. `hocuspocus` receives the connections, `inspected` (a
 * WeakMap) remembers each checked frame's decoding for the guard, `limits`
 * gives maxMessageBytes and maxDocumentBytes, `holds(conn, room)` tells whether
 * a socket has joined a room and `onGone(conn)` runs when a socket has closed.
 */
export class Transport {
  constructor({ hocuspocus, inspected, limits, holds, onGone }) {
    Object.assign(this, { hocuspocus, inspected, holds, onGone });
    this.maxBufferedBytes = SLOW_CONSUMER_DOCUMENTS * limits.maxDocumentBytes + limits.maxMessageBytes;
    this.live = new Map();
    this.nextConn = 1;
    this.accepting = true;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: limits.maxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
    });
    const stats = () => ({ connections: this.live.size, rooms: hocuspocus.getDocumentsCount() });
    this.server = createServer((request, response) => answerHttp(request, response, stats));
    this.server.on("upgrade", (request, socket, head) => this.upgrade(request, socket, head));
    this.server.on("clientError", (error, socket) => socket.destroy());
  }

  upgrade(request, socket, head) {
    if (!this.accepting) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  accept(ws) {
    const conn = this.nextConn;
    this.nextConn += 1;
    this.live.set(conn, ws);
    limitBuffering(conn, ws, this.maxBufferedBytes);
    log("connect", { conn });
    const client = this.hocuspocus.handleConnection(ws, new Request(PLACEHOLDER_URL), { conn });
    ws.on("message", (data, isBinary) => this.receive(conn, ws, client, data, isBinary));
    ws.on("error", (error) => {
      const reason = WS_ERROR_REASONS[error.code] ?? "protocol-error";
      log("refused", { conn, reason, detail: sanitize(error.code ?? error.message) });
    });
    ws.once("close", (code) => {
      this.live.delete(conn);
      client.handleClose({ code, reason: "" });
      this.onGone(conn);
      log("disconnect", { conn, code });
    });
  }

  receive(conn, ws, client, data, isBinary) {
    if (!this.accepting || ws.readyState !== WebSocket.OPEN) return;
    if (!isBinary) {
      log("refused", { conn, reason: "text-frame" });
      ws.close(CLOSE_UNSUPPORTED_DATA, "binary frames only");
      return;
    }
    const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    let message;
    try {
      message = inspectFrame(frame);
    } catch (error) {
      log("refused", { conn, reason: "malformed-message", detail: sanitize(error.message) });
      ws.close(CloseCode.Malformed, "malformed message");
      return;
    }
    // Hocuspocus would queue a Close for a room this socket has not joined (say,
    // one just refused) and replay it right after a later successful join.
    if (message.type === MessageType.Close && !this.holds(conn, message.room)) return;
    this.inspected.set(frame, message);
    client.handleMessage(frame);
  }

  /** Open and not being closed (a socket closed for a bad frame may still have
   *  an authentication in flight). */
  isLive(conn) {
    return this.live.get(conn)?.readyState === WebSocket.OPEN;
  }

  count() {
    return this.live.size;
  }

  stopAccepting() {
    this.accepting = false;
    this.server.close();
  }

  closeAll() {
    for (const ws of this.live.values()) ws.close(CLOSE_GOING_AWAY, "server shutting down");
  }
}
