#!/usr/bin/env node
// Marginalia's collaboration server: Hocuspocus 4.7 rooms persisted in SQLite,
// optionally fanned out across instances through Redis, admitting clients by
// capability keys (share-keys.mjs) and enforcing size and occupancy limits
// (share-guard.mjs). Run `node scripts/share-server.mjs --help` for the flags.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import BetterSqlite3 from "better-sqlite3";
import { Hocuspocus } from "@hocuspocus/server";
import { SQLite } from "@hocuspocus/extension-sqlite";
import { createGuard } from "./share-guard.mjs";
import { captureConsole, log, sanitize, setInstanceName } from "./share-log.mjs";
import { Transport } from "./share-transport.mjs";

/** Default size limit of one websocket message: 1 MiB. */
const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

/** Default size limit of a room's encoded Yjs state: 16 MiB. */
const DEFAULT_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** Default number of websocket connections one room admits. */
const DEFAULT_MAX_CONNECTIONS_PER_ROOM = 64;

/** Default number of rooms one websocket connection may join. */
const DEFAULT_MAX_ROOMS_PER_CONNECTION = 8;

/** A socket that sends nothing for this long is closed (providers send awareness every 15 s);
 *  a socket that has not authenticated any room within it is closed too. */
const IDLE_TIMEOUT_MS = 60_000;

/** Changes are written to SQLite this long after the last one, at most MAX_STORE_DELAY_MS apart. */
const STORE_DEBOUNCE_MS = 2_000;

/** Upper bound of the store delay while a room keeps changing. */
const MAX_STORE_DELAY_MS = 10_000;

/** Bytes of messages buffered for rooms a socket has not authenticated yet, in max messages. */
const UNAUTHENTICATED_QUEUE_MESSAGES_OF_MAX = 4;

/** Number of messages buffered for rooms a socket has not authenticated yet. */
const UNAUTHENTICATED_QUEUE_MESSAGES = 256;

/** Rooms a socket may be authenticating at once, as a multiple of max-rooms-per-connection
 *  (beyond it the socket is closed; within it an extra room is refused politely). */
const PENDING_ROOMS_FACTOR = 2;

/** How long SQLite waits for a lock held by another instance sharing the data file. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** How long the server waits for Redis to answer at startup. */
const REDIS_STARTUP_TIMEOUT_MS = 5_000;

/** How long a stop waits for every room to be stored and unloaded. */
const SHUTDOWN_DEADLINE_MS = 15_000;

/** Minimum interval between two logged Redis connection errors. */
const REDIS_ERROR_LOG_INTERVAL_MS = 5_000;

const USAGE = `usage: node scripts/share-server.mjs [flags]
  --host HOST                     listen address (MARGINALIA_SHARE_HOST, default 127.0.0.1)
  --port PORT                     listen port, 0 = any free (MARGINALIA_SHARE_PORT, default 1234)
  --data FILE                     SQLite file (MARGINALIA_SHARE_DATA, default ./share-data/marginalia-share.sqlite)
  --redis HOST:PORT               fan rooms out through Redis (MARGINALIA_SHARE_REDIS)
  --max-message-bytes N           (MARGINALIA_SHARE_MAX_MESSAGE_BYTES, default ${DEFAULT_MAX_MESSAGE_BYTES})
  --max-document-bytes N          (MARGINALIA_SHARE_MAX_DOCUMENT_BYTES, default ${DEFAULT_MAX_DOCUMENT_BYTES})
  --max-connections-per-room N    (MARGINALIA_SHARE_MAX_CONNECTIONS_PER_ROOM, default ${DEFAULT_MAX_CONNECTIONS_PER_ROOM})
  --max-rooms-per-connection N    (MARGINALIA_SHARE_MAX_ROOMS_PER_CONNECTION, default ${DEFAULT_MAX_ROOMS_PER_CONNECTION})
  --name NAME                     instance name shown in the log (MARGINALIA_SHARE_NAME)`;

/** Each flag: its environment variable, default, and integer bounds if numeric. */
const FLAGS = {
  host: { env: "MARGINALIA_SHARE_HOST", fallback: "127.0.0.1" },
  port: { env: "MARGINALIA_SHARE_PORT", fallback: "1234", range: [0, 65535] },
  data: { env: "MARGINALIA_SHARE_DATA", fallback: "./share-data/marginalia-share.sqlite" },
  redis: { env: "MARGINALIA_SHARE_REDIS", fallback: "" },
  "max-message-bytes": { env: "MARGINALIA_SHARE_MAX_MESSAGE_BYTES", fallback: String(DEFAULT_MAX_MESSAGE_BYTES), range: [1024, 2 ** 30] },
  "max-document-bytes": { env: "MARGINALIA_SHARE_MAX_DOCUMENT_BYTES", fallback: String(DEFAULT_MAX_DOCUMENT_BYTES), range: [1024, 2 ** 31] },
  "max-connections-per-room": { env: "MARGINALIA_SHARE_MAX_CONNECTIONS_PER_ROOM", fallback: String(DEFAULT_MAX_CONNECTIONS_PER_ROOM), range: [1, 1_000_000] },
  "max-rooms-per-connection": { env: "MARGINALIA_SHARE_MAX_ROOMS_PER_CONNECTION", fallback: String(DEFAULT_MAX_ROOMS_PER_CONNECTION), range: [1, 10_000] },
  name: { env: "MARGINALIA_SHARE_NAME", fallback: "" },
};

class UsageError extends Error {}

function integerFlag(flag, text, [low, high]) {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < low || value > high) {
    throw new UsageError(`--${flag} must be a whole number from ${low} to ${high}, not "${text}"`);
  }
  return value;
}

function parseRedis(text) {
  if (text === "") return null;
  const colon = text.lastIndexOf(":");
  const host = text.slice(0, colon).replace(/^\[(.*)\]$/, "$1");
  if (colon <= 0 || host === "") throw new UsageError(`--redis must be HOST:PORT, not "${text}"`);
  return { host, port: integerFlag("redis", text.slice(colon + 1), [1, 65535]), label: text };
}

/** The configuration from command-line flags, falling back to the environment. */
function readConfig(argv, env) {
  const options = { help: { type: "boolean", short: "h" } };
  for (const flag of Object.keys(FLAGS)) options[flag] = { type: "string" };
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  if (values.help) return { help: true };
  const pick = (flag) => values[flag] ?? env[FLAGS[flag].env] ?? FLAGS[flag].fallback;
  const number = (flag) => integerFlag(flag, pick(flag), FLAGS[flag].range);
  return {
    host: pick("host"),
    port: number("port"),
    data: path.resolve(pick("data")),
    redis: parseRedis(pick("redis")),
    name: pick("name") || null,
    limits: {
      maxMessageBytes: number("max-message-bytes"),
      maxDocumentBytes: number("max-document-bytes"),
      maxConnectionsPerRoom: number("max-connections-per-room"),
      maxRoomsPerConnection: number("max-rooms-per-connection"),
    },
  };
}

/** Creates the data folder and proves the SQLite file opens, with a clear error if not. */
function prepareDataFile(file) {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const db = new BetterSqlite3(file);
    db.pragma("journal_mode = WAL");
    db.close();
  } catch (error) {
    throw new Error(`cannot open the data file ${file} (${error.message}): `
      + "check that its folder is writable, or pass --data with another path");
  }
}

async function connectRedis(redis) {
  const { Redis } = await import("@hocuspocus/extension-redis");
  const extension = new Redis({
    host: redis.host,
    port: redis.port,
    prefix: "marginalia-share",
    identifier: `marginalia-share-${randomUUID()}`,
    options: { maxRetriesPerRequest: 2 },
  });
  let lastLogged = 0;
  const onError = (error) => {
    if (Date.now() - lastLogged < REDIS_ERROR_LOG_INTERVAL_MS) return;
    lastLogged = Date.now();
    log("redis-error", { redis: redis.label, detail: sanitize(error.message) });
  };
  extension.pub.on("error", onError);
  extension.sub.on("error", onError);
  const timeout = new Promise((_, reject) => {
    setTimeout(() => reject(new Error(`no answer within ${REDIS_STARTUP_TIMEOUT_MS} ms`)), REDIS_STARTUP_TIMEOUT_MS).unref();
  });
  try {
    await Promise.race([extension.pub.ping(), timeout]);
  } catch (error) {
    extension.pub.disconnect();
    extension.sub.disconnect();
    throw new Error(`cannot reach Redis at ${redis.label} (${error.message}): `
      + "start redis-server there, or drop --redis / MARGINALIA_SHARE_REDIS to run a single instance");
  }
  return extension;
}

async function waitFor(condition, deadlineMs) {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

function createHocuspocus(config, extensions) {
  const { maxMessageBytes, maxRoomsPerConnection } = config.limits;
  return new Hocuspocus({
    name: config.name,
    quiet: true,
    timeout: IDLE_TIMEOUT_MS,
    debounce: STORE_DEBOUNCE_MS,
    maxDebounce: MAX_STORE_DELAY_MS,
    unloadImmediately: true,
    maxUnauthenticatedQueueSize: maxMessageBytes * UNAUTHENTICATED_QUEUE_MESSAGES_OF_MAX,
    maxUnauthenticatedQueueMessages: UNAUTHENTICATED_QUEUE_MESSAGES,
    maxPendingDocuments: maxRoomsPerConnection * PENDING_ROOMS_FACTOR,
    extensions,
  });
}

/** Builds every part and starts listening; resolves to what a stop needs. */
async function start(config) {
  prepareDataFile(config.data);
  const redis = config.redis ? await connectRedis(config.redis) : null;
  const inspected = new WeakMap();
  let transport = null;
  const guard = createGuard({
    limits: config.limits,
    inspected,
    isLive: (conn) => transport?.isLive(conn) ?? false,
  });
  const sqlite = new SQLite({ database: config.data });
  guard.watchStores(sqlite);
  const extensions = [guard.extension, sqlite, ...(redis ? [redis] : [])];
  const hocuspocus = createHocuspocus(config, extensions);
  // The SQLite extension opens its database in onConfigure, which Hocuspocus
  // starts without awaiting.
  if (!(await waitFor(() => sqlite.db !== undefined, SHUTDOWN_DEADLINE_MS))) {
    throw new Error(`the SQLite extension did not open ${config.data}`);
  }
  sqlite.db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  transport = new Transport({
    hocuspocus,
    inspected,
    limits: config.limits,
    holds: (conn, room) => guard.occupancy.holds(conn, room),
    onGone: (conn) => guard.occupancy.releaseAll(conn),
  });
  await listen(transport.server, config);
  return { hocuspocus, transport, sqlite };
}

function listen(server, config) {
  return new Promise((resolve, reject) => {
    server.once("error", (error) => reject(new Error(
      `cannot listen on ${config.host}:${config.port} (${error.code ?? error.message}): `
      + "pick another --port, or stop whatever holds this one")));
    server.listen({ host: config.host, port: config.port }, () => {
      const { port } = server.address();
      const host = config.host.includes(":") ? `[${config.host}]` : config.host;
      const redis = config.redis ? `, redis ${config.redis.label}` : "";
      process.stdout.write(`marginalia-share listening on ws://${host}:${port} (data ${config.data}${redis})\n`);
      resolve();
    });
  });
}

/** Stops: refuses new sockets, closes every room (storing it), waits for the
 *  rooms to unload, releases Redis and SQLite, then exits. */
async function stop({ hocuspocus, transport, sqlite }, signal) {
  log("stopping", { signal, rooms: hocuspocus.getDocumentsCount(), connections: transport.count() });
  transport.stopAccepting();
  hocuspocus.closeConnections();
  hocuspocus.flushPendingStores();
  transport.closeAll();
  const unloaded = await waitFor(
    () => hocuspocus.getDocumentsCount() === 0 && hocuspocus.loadingDocuments.size === 0,
    SHUTDOWN_DEADLINE_MS,
  );
  await hocuspocus.hooks("onDestroy", { instance: hocuspocus }).catch((error) => {
    log("error", { during: "stop", detail: sanitize(error.message) });
  });
  sqlite.db?.close();
  if (!unloaded) {
    log("error", {
      during: "stop",
      detail: `${hocuspocus.getDocumentsCount()} rooms were not stored within ${SHUTDOWN_DEADLINE_MS} ms; `
        + "their latest changes may be lost (see earlier library errors for the cause)",
    });
    process.exit(1);
  }
  log("stopped", { signal });
  process.exit(0);
}

function guardProcess() {
  process.on("unhandledRejection", (error) => {
    log("error", { during: "async work", detail: sanitize(error?.message ?? String(error)) });
  });
  process.on("uncaughtException", (error) => {
    log("error", { during: "event handling", detail: sanitize(error?.message ?? String(error)) });
  });
}

async function main() {
  let config;
  try {
    config = readConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`marginalia-share: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (config.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  setInstanceName(config.name);
  captureConsole();
  guardProcess();
  let running;
  try {
    running = await start(config);
  } catch (error) {
    process.stderr.write(`marginalia-share: ${error.message}\n`);
    process.exit(1);
  }
  let stopping = false;
  const onSignal = (signal) => {
    if (stopping) {
      log("stopped", { signal, forced: true });
      process.exit(1);
    }
    stopping = true;
    stop(running, signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

main();
