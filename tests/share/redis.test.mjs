// Scaling the share server through Redis: two instances on different ports share
// one redis-server (started here on a free loopback port) and one data file;
// clients on either instance converge, and the stored room has everything.
import assert from "node:assert/strict";
import path from "node:path";
import { after, test } from "node:test";
import { documentNameOf, newWriteKey, readKeyOf, toBase64Url } from "../../scripts/share-keys.mjs";
import { addAnnotation, connectClient, contentOf, startRedis, startServer, tempDir, waitFor } from "./harness.mjs";

const tmp = tempDir();
const dataFile = path.join(tmp.dir, "share.sqlite");
const writeKey = newWriteKey();
const readKey = readKeyOf(writeKey);
const room = documentNameOf(readKey);
const stops = [];

after(async () => {
  for (const stop of stops.reverse()) await stop();
  tmp.remove();
});

function join(server, token) {
  const made = connectClient(server.url, room, token);
  stops.push(async () => made.destroy());
  return made;
}

test("clients on two instances sharing Redis converge", async (t) => {
  const redis = await startRedis();
  if (!redis) {
    console.log("skipped: redis-server not installed (apt-get install redis-server)");
    t.skip("redis-server not installed");
    return;
  }
  stops.push(redis.stop);
  const one = await startServer({ dataFile, args: ["--redis", redis.url, "--name", "one"] });
  stops.push(() => one.stop());
  const two = await startServer({ dataFile, args: ["--redis", redis.url, "--name", "two"] });
  stops.push(() => two.stop());
  assert.match(one.stdout, new RegExp(`listening on ws://127\\.0\\.0\\.1:\\d+ \\(data .*, redis ${redis.url}\\)`));
  assert.notEqual(one.url, two.url);

  const a = join(one, toBase64Url(writeKey));
  const b = join(two, toBase64Url(writeKey));
  const reader = join(two, toBase64Url(readKey));
  await waitFor(() => a.state.synced && b.state.synced && reader.state.synced, { what: "all clients to sync" });
  addAnnotation(a.doc, "on-one", "written on instance one");
  addAnnotation(b.doc, "on-two", "written on instance two");
  for (const ch of "abc") a.doc.getText("shared").insert(0, ch);
  for (const ch of "xyz") b.doc.getText("shared").insert(0, ch);
  await waitFor(() => [b, reader].every((made) => contentOf(made.doc) === contentOf(a.doc))
    && a.doc.getMap("annotations").has("on-two") && b.doc.getMap("annotations").has("on-one"),
  { what: "clients on both instances to converge" });
  const expected = contentOf(a.doc);
  assert.equal(a.doc.getText("shared").length, 6);

  for (const made of [a, b, reader]) made.destroy();
  assert.equal(await one.stop(), 0);
  assert.equal(await two.stop(), 0);
  const single = await startServer({ dataFile });
  stops.push(() => single.stop());
  const check = join(single, toBase64Url(writeKey));
  await waitFor(() => check.state.synced, { what: "the stored room to load" });
  assert.equal(contentOf(check.doc), expected);
});
