// Helpers of the share-server tests: start and stop server processes (and
// Redis) on loopback, wait for a state with a deadline, and connect clients —
// Hocuspocus providers for normal use, raw websockets for byte-level checks.
import { spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import WebSocket from "ws";
import * as Y from "yjs";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { MessageType, readHead } from "../../scripts/share-wire.mjs";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SERVER_SCRIPT = path.join(ROOT, "scripts/share-server.mjs");

/** Default deadline of a wait. */
const WAIT_TIMEOUT_MS = 15_000;

/** Pause between two checks of a polled condition. */
const POLL_INTERVAL_MS = 10;

/** Deadline for a server process to print its listening line. */
const START_TIMEOUT_MS = 20_000;

/** Polls `condition` until it returns a truthy value (returned) or the deadline passes. */
export async function waitFor(condition, { timeout = WAIT_TIMEOUT_MS, what = "a condition" } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await delay(POLL_INTERVAL_MS);
  }
}

/** A fresh temporary folder, removed by the returned `remove()`. */
export function tempDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mg-share-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts `scripts/share-server.mjs --port 0 --data dataFile ...args` and waits
 * for its listening line. The result gives its url, pid, output and stop().
 */
export async function startServer({ dataFile, args = [] }) {
  const proc = spawn(process.execPath, [SERVER_SCRIPT, "--port", "0", "--data", dataFile, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env },
  });
  const server = { proc, pid: proc.pid, stdout: "", stderr: "", exitCode: undefined };
  proc.stdout.on("data", (chunk) => { server.stdout += chunk; });
  proc.stderr.on("data", (chunk) => { server.stderr += chunk; });
  const exited = new Promise((resolve) => proc.on("exit", (code, signal) => {
    server.exitCode = code ?? signal;
    resolve(server.exitCode);
  }));
  const match = await waitFor(
    () => /listening on (ws:\/\/\S+)/.exec(server.stdout) ?? (server.exitCode !== undefined ? "exited" : null),
    { timeout: START_TIMEOUT_MS, what: "the server's listening line" },
  );
  if (match === "exited") {
    throw new Error(`share server exited with ${server.exitCode}:\n${server.stdout}${server.stderr}`);
  }
  server.url = match[1];
  server.output = () => server.stdout + server.stderr;
  server.events = () => server.stdout.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
  server.alive = () => server.exitCode === undefined;
  server.stop = async (signal = "SIGTERM") => {
    if (server.exitCode === undefined) proc.kill(signal);
    return exited;
  };
  return server;
}

/**
 * A Hocuspocus provider on its own socket (or on `websocketProvider` when
 * given). `state` records authentication, denial, sync and close events.
 */
export function connectClient(url, documentName, token, { doc = new Y.Doc(), websocketProvider } = {}) {
  const state = { scope: null, denied: null, synced: false, closes: [], statuses: [] };
  const provider = new HocuspocusProvider({
    ...(websocketProvider ? { websocketProvider } : { url, WebSocketPolyfill: WebSocket }),
    name: documentName,
    token,
    document: doc,
    onAuthenticated: ({ scope }) => { state.scope = scope; },
    onAuthenticationFailed: ({ reason }) => { state.denied = reason; },
    onSynced: () => { state.synced = true; },
    onClose: ({ event }) => { state.closes.push(event?.code); },
  });
  // Not the onMessage option: a provider that makes its own socket hands its
  // options to that socket too, which calls onMessage with another argument.
  provider.on("message", ({ event }) => {
    const status = syncStatusOf(new Uint8Array(event.data));
    if (status !== null) state.statuses.push(status);
  });
  if (websocketProvider) provider.attach();
  return { provider, doc, state, destroy: () => destroyProvider(provider) };
}

/**
 * provider.destroy(), made final: a provider whose server went away has a
 * reconnect timer pending, and when it fires after destroy() it sets the
 * socket's shouldConnect again and retries for ever, keeping the test process
 * alive (@hocuspocus/provider 4.7).
 */
export function destroyProvider(provider) {
  provider.destroy();
  if (provider.manageSocket) {
    const socket = provider.configuration.websocketProvider;
    socket.connect = async () => {};
    socket.shouldConnect = false;
  }
}

/** The value of a SyncStatus frame (1 applied, 0 refused), else null. */
function syncStatusOf(frame) {
  try {
    const head = readHead(frame);
    return head.type === MessageType.SyncStatus ? head.reader.varUint() : null;
  } catch {
    return null;
  }
}

/** A shared provider websocket, for several rooms over one connection. */
export function sharedSocket(url) {
  return new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
}

/** A raw websocket that records every frame it receives and how it closed. */
export async function rawSocket(url) {
  const ws = new WebSocket(url);
  const socket = { ws, frames: [], closed: null };
  ws.on("message", (data) => socket.frames.push(new Uint8Array(data)));
  ws.on("close", (code, reason) => { socket.closed = { code, reason: reason.toString() }; });
  ws.on("error", () => {});
  await waitFor(() => ws.readyState !== WebSocket.CONNECTING, { what: "a raw socket to open" });
  if (ws.readyState !== WebSocket.OPEN) throw new Error(`raw socket to ${url} did not open`);
  socket.send = (bytes, options = { binary: true }) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(bytes, options);
  };
  socket.heads = () => socket.frames.map((frame) => {
    const { name, type, sub } = readHead(frame);
    return { name, type, sub };
  });
  socket.close = () => ws.terminate();
  return socket;
}

/** A port nobody listens on right now. */
export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function redisPing(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.on("data", (data) => { socket.destroy(); resolve(data.toString().startsWith("+PONG")); });
    socket.on("error", () => resolve(false));
    socket.on("connect", () => socket.write("PING\r\n"));
  });
}

/** The path of executable `name` on PATH, or null. */
export function findProgram(name) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir || ".", name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/** Starts a throw-away redis-server on a free loopback port, or returns null when
 *  redis-server is not installed. */
export async function startRedis() {
  const program = findProgram("redis-server");
  if (program === null) return null;
  const port = await freePort();
  const proc = spawn(program, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((resolve) => proc.on("exit", resolve));
  await waitFor(() => redisPing(port), { what: `redis-server on port ${port}` });
  return {
    url: `127.0.0.1:${port}`,
    stop: async () => {
      proc.kill("SIGTERM");
      await exited;
    },
  };
}

/** Contents of a test room, independent of integration order: sorted annotation
 *  ids with their note texts, plus the shared text. */
export function contentOf(doc) {
  const annotations = doc.getMap("annotations");
  const entries = [...annotations.keys()].sort().map((id) => {
    const note = annotations.get(id)?.get?.("note");
    return [id, note?.toString?.() ?? null];
  });
  return JSON.stringify({ entries, text: doc.getText("shared").toString() });
}

/** Adds annotation `id` with a note text to `doc` (a Y.Map of Y.Maps, each with a Y.Text "note"). */
export function addAnnotation(doc, id, text) {
  const entry = new Y.Map();
  const note = new Y.Text();
  note.insert(0, text);
  entry.set("note", note);
  entry.set("quote", `quote of ${id}`);
  doc.getMap("annotations").set(id, entry);
}
