// Graceful shutdown of `herald serve` (a real child process): on SIGTERM / SIGINT open WebSockets are closed
// with 1001 "going away" (the SDK reconnects to another node), a request already in flight still gets its
// answer, and the process exits 0; work that outlasts HERALD_SHUTDOWN_TIMEOUT_MS is abandoned with exit 1.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { WebSocket } from "ws";

const MAIN = new URL("../../src/main.ts", import.meta.url).pathname;

async function boot(extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "herald-shutdown-"));
  const child = spawn(process.execPath, [MAIN, "serve"], {
    env: {
      PATH: process.env.PATH,
      HERALD_DATA_DIR: dir,
      HERALD_WEB_DIST: join(dir, "no-web"),
      HERALD_ADMIN_PASSWORD: "shutdown-admin-pass",
      HOST: "127.0.0.1",
      PORT: "0",
      ...extra,
    },
  });
  let log = "";
  child.stderr.on("data", (d) => {
    log += d;
  });
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      log += d;
      const m = /Herald is running at (http:\/\/\S+) /.exec(log);
      if (m) resolve(m[1].replace("localhost", "127.0.0.1"));
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${log}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    base,
    exited,
    log: () => log,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function adminSession(base: string) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: "admin", password: "shutdown-admin-pass" }),
  });
  assert.equal(r.status, 200);
  const body = (await r.json()) as { csrfToken: string };
  return { cookie: (r.headers.get("set-cookie") ?? "").split(";")[0], csrf: body.csrfToken };
}

async function readySocket(base: string, cookie: string) {
  const ws = new WebSocket(`${base.replace("http", "ws")}/api/v1/realtime`, { headers: { cookie } });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const ready = new Promise<void>((resolve) =>
    ws.on("message", (d) => {
      if (JSON.parse(d.toString()).t === "ready") resolve();
    }),
  );
  await new Promise((resolve, reject) => {
    ws.on("open", resolve);
    ws.on("error", reject);
  });
  ws.send(
    JSON.stringify({
      t: "hello",
      deviceId: "d1",
      deviceKind: "web",
      permission: "granted",
      focused: true,
      visible: true,
    }),
  );
  await ready;
  // Wrapped: an async function returning the promise itself would wait for the close.
  return { closed };
}

/** A request whose body is only half sent: in flight until `finish()`. */
function halfSentPost(base: string, path: string, headers: Record<string, string>, body: string) {
  const u = new URL(path, base);
  const req = request({
    host: u.hostname,
    port: u.port,
    path: u.pathname,
    method: "POST",
    headers: {
      ...headers,
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
    },
  });
  const answered = new Promise<number>((resolve, reject) => {
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { answered, finish: () => req.end(body.slice(half)), abort: () => req.destroy() };
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  test(`[GEN-7] ${signal}: sockets close with 1001, the request in flight is answered, exit 0`, async () => {
    const s = await boot();
    try {
      const admin = await adminSession(s.base);
      const { closed } = await readySocket(s.base, admin.cookie);
      const headers = { cookie: admin.cookie, "x-csrf-token": admin.csrf };
      const inFlight = halfSentPost(
        s.base,
        "/api/v1/rooms",
        headers,
        JSON.stringify({ kind: "channel", name: "draining" }),
      );
      // The request has reached the server (its headers are parsed) before the signal.
      await new Promise((r) => setTimeout(r, 100));
      s.child.kill(signal);
      assert.deepEqual(await closed, { code: 1001, reason: "going away" });
      inFlight.finish();
      assert.equal(await inFlight.answered, 201, "the in-flight request finished");
      assert.equal(await s.exited, 0, s.log());
      assert.match(s.log(), /shutting down/);
    } finally {
      if (s.child.exitCode === null) s.child.kill("SIGKILL");
      s.cleanup();
    }
  });
}

test("[GEN-7] work that outlasts HERALD_SHUTDOWN_TIMEOUT_MS is abandoned: exit 1 after the timeout", async () => {
  const s = await boot({ HERALD_SHUTDOWN_TIMEOUT_MS: "1000" });
  try {
    const admin = await adminSession(s.base);
    const stuck = halfSentPost(
      s.base,
      "/api/v1/rooms",
      { cookie: admin.cookie, "x-csrf-token": admin.csrf },
      '{"kind":"channel"}',
    );
    stuck.answered.catch(() => {});
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    s.child.kill("SIGTERM");
    assert.equal(await s.exited, 1, s.log());
    const took = Date.now() - t0;
    assert.ok(took >= 900 && took < 10_000, `exited after the timeout (${took} ms)`);
    assert.match(s.log(), /shutdown timed out/);
    stuck.abort();
  } finally {
    if (s.child.exitCode === null) s.child.kill("SIGKILL");
    s.cleanup();
  }
});
