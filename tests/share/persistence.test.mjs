// Persistence of the share server: rooms survive a stop (SIGTERM or SIGINT while
// clients are still connected) and a start on the same data file.
import assert from "node:assert/strict";
import path from "node:path";
import { after, test } from "node:test";
import { documentNameOf, newWriteKey, readKeyOf, toBase64Url } from "../../scripts/share-keys.mjs";
import { addAnnotation, connectClient, contentOf, startServer, tempDir, waitFor } from "./harness.mjs";

const tmp = tempDir();
const dataFile = path.join(tmp.dir, "nested", "folder", "share.sqlite");
const writeKey = newWriteKey();
const room = documentNameOf(readKeyOf(writeKey));
const W = toBase64Url(writeKey);
const servers = [];
const clients = [];

after(async () => {
  for (const made of clients) made.destroy();
  for (const server of servers) await server.stop();
  tmp.remove();
});

async function open() {
  const server = await startServer({ dataFile });
  servers.push(server);
  const made = connectClient(server.url, room, W);
  clients.push(made);
  await waitFor(() => made.state.synced && made.state.scope === "read-write", { what: "the client to sync" });
  return { server, made };
}

async function edit(made, prefix, count) {
  for (let i = 0; i < count; i += 1) addAnnotation(made.doc, `${prefix}-${i}`, `note ${prefix} ${i}`);
  made.doc.getText("shared").insert(made.doc.getText("shared").length, `${prefix} typed. `);
  await waitFor(() => !made.provider.hasUnsyncedChanges, { what: "the server to acknowledge every change" });
}

for (const signal of ["SIGTERM", "SIGINT"]) {
  test(`a room written before ${signal} is there after a restart`, async () => {
    const first = await open();
    const before = contentOf(first.made.doc);
    await edit(first.made, signal, 25);
    const written = contentOf(first.made.doc);
    assert.notEqual(written, before);
    assert.equal(await first.server.stop(signal), 0);
    assert.ok(first.server.events().some((e) => e.event === "room-stored" && e.room === room && e.bytes > 0));
    first.made.destroy();

    const second = await open();
    assert.equal(contentOf(second.made.doc), written);
    second.made.destroy();
    assert.equal(await second.server.stop(), 0);
  });
}
