#!/usr/bin/env node
// Bounded loopback load test of the share server. Phase 1: many clients in one
// room each add annotations (a Y.Map of Y.Maps with a Y.Text note) and type into
// the notes and a shared Y.Text, until every copy is identical. Phase 2: many
// rooms of two clients, one edit each. Prints convergence times and the server's
// resident memory; exits 1 when a phase misses its deadline.
//   node scripts/share-load.mjs [--quick] [--url ws://HOST:PORT]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setImmediate as yieldToIo, setTimeout as delay } from "node:timers/promises";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import * as Y from "yjs";
import { HocuspocusProvider } from "@hocuspocus/provider";
import { documentNameOf, newWriteKey, readKeyOf, toBase64Url } from "./share-keys.mjs";

/** Full run: clients in the single room, annotations each, rooms of two. */
const FULL = { clients: 20, annotations: 100, rooms: 200 };

/** Quick run (CI): the same shape, smaller. */
const QUICK = { clients: 5, annotations: 20, rooms: 20 };

/** Characters typed into each new annotation's note, one update each. */
const NOTE_CHARS = 5;

/** Deadline of each phase, from the first edit to identical copies. */
const CONVERGE_DEADLINE_MS = 120_000;

/** Deadline for every client of a phase to connect and sync. */
const CONNECT_DEADLINE_MS = 60_000;

/** Pause between two convergence checks. */
const POLL_MS = 25;

const SERVER_SCRIPT = path.join(import.meta.dirname, "share-server.mjs");

const number = (n) => Math.round(n).toLocaleString("en-US");

async function startServer(dir, clients) {
  const args = [SERVER_SCRIPT, "--port", "0", "--data", path.join(dir, "load.sqlite"),
    "--max-connections-per-room", String(Math.max(64, clients)), "--name", "load"];
  const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  const url = await new Promise((resolve, reject) => {
    proc.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /listening on (ws:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    proc.on("exit", (code) => reject(new Error(`share server exited with ${code} before listening`)));
  });
  proc.stdout.resume();
  return { url, proc };
}

function rssOf(pid) {
  if (pid === null) return "n/a (external server)";
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? `${(Number(match[1]) / 1024).toFixed(1)} MB` : "unknown";
}

async function until(condition, deadlineMs) {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) return false;
    await delay(POLL_MS);
  }
  return true;
}

function connect(url, room, token) {
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({ url, name: room, token, document: doc, WebSocketPolyfill: WebSocket });
  return { doc, provider };
}

function newRoom() {
  const writeKey = newWriteKey();
  return { name: documentNameOf(readKeyOf(writeKey)), token: toBase64Url(writeKey) };
}

function annotate(doc, id) {
  const entry = new Y.Map();
  entry.set("quote", `quoted passage ${id}`);
  entry.set("note", new Y.Text());
  doc.getMap("annotations").set(id, entry);
  const note = entry.get("note");
  for (let i = 0; i < NOTE_CHARS; i += 1) note.insert(note.length, String.fromCharCode(97 + i));
  doc.getText("shared").insert(doc.getText("shared").length, "x");
}

const sameBytes = (a, b) => a.length === b.length && a.every((byte, i) => byte === b[i]);

function converged(docs, annotations) {
  const first = Y.encodeStateVector(docs[0]);
  return docs.every((doc) => doc.getMap("annotations").size === annotations
    && doc.getText("shared").length === annotations
    && sameBytes(Y.encodeStateVector(doc), first));
}

async function oneRoom(url, serverPid, { clients, annotations }) {
  const room = newRoom();
  const peers = Array.from({ length: clients }, () => connect(url, room.name, room.token));
  try {
    if (!(await until(() => peers.every((p) => p.provider.isSynced), CONNECT_DEADLINE_MS))) {
      throw new Error(`the ${clients} clients did not all sync within ${number(CONNECT_DEADLINE_MS)} ms`);
    }
    const started = performance.now();
    for (let j = 0; j < annotations; j += 1) {
      peers.forEach((peer, i) => annotate(peer.doc, `c${i}-a${j}`));
      await yieldToIo();
    }
    const ok = await until(() => converged(peers.map((p) => p.doc), clients * annotations), CONVERGE_DEADLINE_MS);
    const label = `${clients} clients x ${annotations} annotations in one room`;
    if (!ok) throw new Error(`load: ${label} did not converge within ${number(CONVERGE_DEADLINE_MS)} ms`);
    console.log(`load: ${label} converged in ${number(performance.now() - started)} ms; server RSS ${rssOf(serverPid)}`);
  } finally {
    peers.forEach((peer) => peer.provider.destroy());
  }
}

function pairsConverged(pairs) {
  return pairs.every((pair) => pair.every((peer) => peer.doc.getMap("annotations").size === 2));
}

async function manyRooms(url, serverPid, { rooms }) {
  const pairs = Array.from({ length: rooms }, () => {
    const room = newRoom();
    return [connect(url, room.name, room.token), connect(url, room.name, room.token)];
  });
  const peers = pairs.flat();
  try {
    if (!(await until(() => peers.every((p) => p.provider.isSynced), CONNECT_DEADLINE_MS))) {
      throw new Error(`the ${peers.length} clients did not all sync within ${number(CONNECT_DEADLINE_MS)} ms`);
    }
    const started = performance.now();
    pairs.forEach((pair, r) => pair.forEach((peer, i) => annotate(peer.doc, `r${r}-c${i}`)));
    const ok = await until(() => pairsConverged(pairs), CONVERGE_DEADLINE_MS);
    const label = `${rooms} rooms x 2 clients`;
    if (!ok) throw new Error(`load: ${label} did not converge within ${number(CONVERGE_DEADLINE_MS)} ms`);
    console.log(`load: ${label} converged in ${number(performance.now() - started)} ms; server RSS ${rssOf(serverPid)}`);
  } finally {
    peers.forEach((peer) => peer.provider.destroy());
  }
}

async function main() {
  const { values } = parseArgs({ options: { quick: { type: "boolean" }, url: { type: "string" } } });
  const shape = values.quick ? QUICK : FULL;
  const dir = values.url ? null : mkdtempSync(path.join(os.tmpdir(), "mg-share-load-"));
  const server = dir ? await startServer(dir, shape.clients) : { url: values.url, proc: null };
  const pid = server.proc?.pid ?? null;
  let failed = false;
  try {
    console.log(`load: server ${server.url}, RSS at start ${rssOf(pid)}`);
    await oneRoom(server.url, pid, shape);
    await manyRooms(server.url, pid, shape);
  } catch (error) {
    console.error(error.message);
    failed = true;
  } finally {
    if (server.proc) {
      const exited = new Promise((resolve) => server.proc.on("exit", resolve));
      server.proc.kill("SIGTERM");
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

main();
