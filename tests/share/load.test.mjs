// Runs the share server's load test in its quick mode, so CI exercises it.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { ROOT } from "./harness.mjs";

test("share-load --quick converges and reports times and memory", async () => {
  const proc = spawn(process.execPath, [path.join(ROOT, "scripts/share-load.mjs"), "--quick"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout.on("data", (chunk) => { output += chunk; });
  proc.stderr.on("data", (chunk) => { output += chunk; });
  const code = await new Promise((resolve) => proc.on("exit", resolve));
  console.log(output.trim());
  assert.equal(code, 0, output);
  assert.match(output, /^load: 5 clients x 20 annotations in one room converged in [\d,]+ ms; server RSS [\d.]+ MB$/m);
  assert.match(output, /^load: 20 rooms x 2 clients converged in [\d,]+ ms; server RSS [\d.]+ MB$/m);
});
