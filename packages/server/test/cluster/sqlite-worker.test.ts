// One worker per SQLite file: a second `serve` with the worker role on the same data folder is refused at
// start with one clear line (it would take back the first worker's claimed rows and send them twice); a node
// without the worker role may share the file; once the first worker dies — even by SIGKILL — a new one starts.
// SQLite only (test/helpers/matrix.ts): the lock is on the data folder's SQLite file.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "herald-sqlite-worker-"));
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  /** Resolves with the address once the node says it runs; rejects with its output when it exits first. */
  running: Promise<string>;
  exited: Promise<{ code: number | null; stderr: string }>;
}

function serve(roles: string | null): Started {
  const child = spawn(process.execPath, [MAIN, "serve", ...(roles ? [`--roles=${roles}`] : [])], {
    env: {
      PATH: process.env.PATH ?? "",
      HERALD_LOG_LEVEL: "warn",
      HERALD_DATA_DIR: dir,
      HERALD_WEB_DIST: join(dir, "no-web"),
      HERALD_ADMIN_PASSWORD: "sqlite-worker-admin",
      HOST: "127.0.0.1",
      PORT: "0",
    },
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on("close", (code, signal) =>
      resolve({ code, stderr: signal ? `${stderr}(signal ${signal})` : stderr }),
    ),
  );
  const running = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      stdout += d;
      const m = /Herald is running at (\S+)/.exec(stdout);
      if (m) resolve(m[1]);
    });
    void exited.then(({ code }) => reject(new Error(`herald exited ${code}: ${stderr}`)));
  });
  running.catch(() => {});
  return { child, running, exited };
}

test("[GEN-8] on SQLite a second worker process on the same file is refused at start with one line; a new one starts once the first is gone", async () => {
  const first = serve(null);
  await first.running;

  const second = serve("worker");
  const refused = await second.exited;
  assert.equal(refused.code, 1, refused.stderr);
  const lines = refused.stderr.trim().split("\n");
  assert.equal(lines.length, 1, refused.stderr);
  assert.match(
    lines[0],
    /^herald: another worker already runs on .*herald\.db .*SQLite allows one worker process/,
  );

  // Without the worker role a node shares the file.
  const api = serve("api,gateway");
  const url = await api.running;
  assert.equal((await fetch(`${url}/readyz`)).status, 200);
  api.child.kill("SIGTERM");
  assert.equal((await api.exited).code, 0);

  // The lock goes with its process, however it ends: no stale lock after a SIGKILL.
  first.child.kill("SIGKILL");
  await first.exited;
  const third = serve("worker");
  await third.running;
  third.child.kill("SIGTERM");
  const done = await third.exited;
  assert.equal(done.code, 0, done.stderr);
});
