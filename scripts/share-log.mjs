// One-line JSON event log of the Marginalia share server (stdout). It is the
// only way anything leaves the process as text, so it is where privacy is kept:
// callers pass ids, sizes and reasons, never document content or keys, and the
// collaboration library's own console output is funnelled through `sanitize`.

/** Longest text kept from a library message (the rest is cut). */
const MAX_LIBRARY_TEXT = 200;

/** Stands in for any quoted fragment of a library message (it may quote user data). */
const ELIDED = "…";

let instanceName = null;

/** Name of this server instance, added to every event when set. */
export function setInstanceName(name) {
  instanceName = name || null;
}

/** Writes one event: `{"t":…,"event":…,…fields}` on a single stdout line. */
export function log(event, fields = {}) {
  const record = { t: new Date().toISOString(), event };
  if (instanceName) record.instance = instanceName;
  Object.assign(record, fields);
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

/**
 * A library message without anything it may have quoted from the wire: quoted
 * strings (JSON.parse errors quote their input) and long runs of non-space
 * characters are replaced, and the result is cut short.
 */
export function sanitize(text) {
  return String(text)
    .replace(/"[^"]*"?/g, ELIDED)
    .replace(/'[^']*'?/g, ELIDED)
    .replace(/`[^`]*`?/g, ELIDED)
    .replace(/\S{48,}/g, ELIDED)
    .replace(/\s+/g, " ")
    .slice(0, MAX_LIBRARY_TEXT);
}

function describe(value) {
  if (value instanceof Error) {
    const code = typeof value.code === "string" ? ` ${value.code}` : "";
    return `${value.name}${code}: ${sanitize(value.message)}`;
  }
  if (typeof value === "string") return sanitize(value);
  if (value && typeof value === "object" && typeof value.reason === "string") {
    return `reason ${sanitize(value.reason)}`;
  }
  return typeof value;
}

/**
 * Routes console.log/info/warn/error (used by Hocuspocus, ioredis and friends)
 * into single-line `library` events with sanitized text, so nothing they print
 * can carry a note or a key and every line stays one event.
 */
export function captureConsole() {
  for (const level of ["log", "info", "warn", "error", "debug"]) {
    console[level] = (...args) => {
      const text = args.map(describe).filter((part) => part !== "").join(" ");
      if (text.trim() !== "") log("library", { level, text });
    };
  }
}
