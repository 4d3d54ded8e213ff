// A node started while Redis is down: it says so in one line, keeps retrying, and starts serving once Redis
// answers — never an unhandled error or a crash. Redis is reached through a relay that is not listening yet.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { relay } from "../helpers/redis-relay.ts";
import { redisSkipReason, uniquePrefix } from "./redis-available.ts";

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
const skip = await redisSkipReason();

/** A port nobody listens on (yet). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const addr = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  if (addr === null || typeof addr === "string") throw new Error("no port");
  return addr.port;
}

test(
  "a node started while Redis is down says so once, retries, and serves once Redis answers",
  { skip },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "herald-redis-down-"));
    const redisPort = await freePort();
    const child = spawn(process.execPath, [MAIN, "serve"], {
      env: {
        PATH: process.env.PATH ?? "",
        HERALD_LOG_LEVEL: "warn",
        HERALD_DATA_DIR: dir,
        PORT: "0",
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        HERALD_REDIS_PREFIX: uniquePrefix("down-start"),
      },
    });
    let stdout = "";
    let stderr = "";
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    const seen = (re: RegExp, from: () => string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (re.test(from())) resolve();
        };
        child.stdout.on("data", check);
        child.stderr.on("data", check);
        void exited.then((code) => reject(new Error(`herald exited ${code}: ${stderr}`)));
        check();
      });
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    let r: Awaited<ReturnType<typeof relay>> | null = null;
    try {
      await seen(/does not answer/, () => stderr);
      // Retries go on for a while (ioredis backs off up to 2 s) before Redis comes: still one line, no crash.
      await new Promise((res) => setTimeout(res, 3_000));
      assert.equal(child.exitCode, null, `still running: ${stderr}`);
      r = await relay(redisPort);
      await seen(/Herald is running at (\S+)/, () => stdout);
      const url = /Herald is running at (\S+)/.exec(stdout)?.[1] ?? "";
      const ready = await fetch(`${url}/readyz`);
      assert.equal(ready.status, 200);
      const lines = stderr.split("\n").filter((l) => /Redis/.test(l));
      assert.equal(lines.filter((l) => /does not answer/.test(l)).length, 1, stderr);
      assert.doesNotMatch(stderr, /Unhandled error event|Error: Connection is closed/);
    } finally {
      child.kill("SIGTERM");
      await exited;
      await r?.cut();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
