// The production pack as a new user meets it: scripts/release.sh builds a folder (built web app, sources,
// production dependencies only); that folder is started on its own — `node packages/server/src/main.ts serve`
// from inside it, with no devDependency reachable — against PostgreSQL and Redis, answers /readyz, serves the
// built web app, carries one post to a banner over a real WebSocket, and stops cleanly on SIGTERM.
// Node: the machine's PATH may hold an older Node, so the folder is run with this test's own Node (24, from
// the repo's `node` devDependency); the release itself needs only Node ≥ 22.13 on the host.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Redis } from "ioredis";
import pg from "pg";
import { WebSocket } from "ws";
import { PG_URL, pgAvailable } from "../store/pg.ts";

const REPO = new URL("../../../../", import.meta.url).pathname;
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

async function redisUp(): Promise<boolean> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await r.connect();
    return (await r.ping()) === "PONG";
  } catch (err) {
    if (process.env.CI === "true") throw new Error(`Redis is required in CI: ${(err as Error).message}`);
    return false;
  } finally {
    r.disconnect();
  }
}

const services = (await pgAvailable()) && (await redisUp());

describe(
  "release folder",
  { skip: services ? false : "PostgreSQL or Redis unreachable (required when CI=true)" },
  () => {
    const dir = mkdtempSync(join(tmpdir(), "herald-release-"));
    const out = join(dir, "out");
    const dbName = `herald_release_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    let server: ChildProcess | null = null;
    let env: NodeJS.ProcessEnv = {};

    before(async () => {
      await admin.connect();
      await admin.query(`create database ${dbName}`);
      const u = new URL(PG_URL);
      u.pathname = `/${dbName}`;
      // Only what an operator sets: no NODE_OPTIONS or test variables from this process leak into the server.
      env = {
        PATH: process.env.PATH,
        HOME: dir,
        NODE_ENV: "production",
        DATABASE_URL: u.toString(),
        REDIS_URL,
        HERALD_REDIS_PREFIX: `${dbName}:`,
        HERALD_DATA_DIR: join(dir, "data"),
        HERALD_ADMIN_PASSWORD: "release-admin-pass",
        HOST: "127.0.0.1",
        PORT: "0",
      };
    });

    after(async () => {
      if (server && server.exitCode === null) server.kill("SIGKILL");
      await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    });

    test("[GEN-8] scripts/release.sh builds a folder with the web app and production dependencies only", async () => {
      const r = await run("bash", [join(REPO, "scripts/release.sh"), out], { cwd: REPO, timeoutMs: 240_000 });
      assert.equal(r.code, 0, r.out);
      assert.ok(existsSync(join(out, "packages/web/dist/index.html")), "built web app");
      assert.ok(existsSync(join(out, "node_modules/fastify")), "production dependency");
      for (const dev of ["typescript", "vite", "@biomejs/biome", "node", "smtp-server", "fast-check"])
        assert.ok(!existsSync(join(out, "node_modules", dev)), `devDependency ${dev} is not installed`);
      assert.ok(!existsSync(join(out, "packages/server/test")), "no tests in the release");
    });

    test("[GEN-8] the folder serves against PostgreSQL and Redis: /readyz, the web app, a post → banner, SIGTERM exits 0", async () => {
      assert.ok(existsSync(join(out, "node_modules")), "the release was built");
      const child = spawn(
        process.execPath,
        ["--max-semi-space-size=8", "packages/server/src/main.ts", "serve"],
        {
          cwd: out,
          env,
        },
      );
      server = child;
      let log = "";
      child.stderr.on("data", (d) => {
        log += d;
      });
      const base = await new Promise<string>((resolve, reject) => {
        let text = "";
        child.stdout.on("data", (d) => {
          text += d;
          log += d;
          const m = /Herald is running at (http:\/\/\S+) /.exec(text);
          if (m) resolve(m[1].replace("localhost", "127.0.0.1"));
        });
        child.on("exit", (code) => reject(new Error(`server exited ${code}:\n${log}`)));
      });
      const ready = await fetch(`${base}/readyz`);
      assert.equal(ready.status, 200, log);
      assert.deepEqual(await ready.json(), { ok: true, store: "postgres" });
      const page = await fetch(`${base}/`);
      assert.match(
        await page.text(),
        /<script type="module"[^>]*src="\/assets\//,
        "the built web app, not a placeholder",
      );

      const signIn = async (login: string, password = `${login}-password-1`) => {
        const r = await fetch(`${base}/api/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ login, password }),
        });
        assert.equal(r.status, 200, await r.clone().text());
        const body = (await r.json()) as { csrfToken: string; user: { id: string } };
        const cookie = (r.headers.get("set-cookie") ?? "").split(";")[0];
        return { cookie, csrf: body.csrfToken, id: body.user.id };
      };
      const as = (u: { cookie: string; csrf: string }) => ({
        "content-type": "application/json",
        cookie: u.cookie,
        "x-csrf-token": u.csrf,
      });
      // The first admin came from HERALD_ADMIN_PASSWORD on the empty database; it creates the two members.
      const admin = await signIn("admin", "release-admin-pass");
      for (const username of ["alice", "bob"]) {
        const r = await fetch(`${base}/api/v1/users`, {
          method: "POST",
          headers: as(admin),
          body: JSON.stringify({ username, password: `${username}-password-1`, role: "member" }),
        });
        assert.equal(r.status, 201, await r.text());
      }
      const alice = await signIn("alice");
      const bob = await signIn("bob");
      const frames: { t: string; [k: string]: unknown }[] = [];
      const ws = new WebSocket(`${base.replace("http", "ws")}/api/v1/realtime`, {
        headers: { cookie: bob.cookie },
      });
      ws.on("message", (d) => {
        const f = JSON.parse(d.toString());
        frames.push(...(f.t === "multi" ? f.events : [f]));
      });
      const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
      await new Promise((resolve, reject) => {
        ws.on("open", resolve);
        ws.on("error", reject);
      });
      const hello = { t: "hello", deviceId: "d1", deviceKind: "web", permission: "granted", focused: false };
      ws.send(JSON.stringify({ ...hello, visible: true }));
      const until = async (what: string, check: () => boolean) => {
        for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
        assert.ok(check(), `timed out: ${what}\n${log}`);
      };
      await until("ready", () => frames.some((f) => f.t === "ready"));
      const dm = await fetch(`${base}/api/v1/dms`, {
        method: "POST",
        headers: as(alice),
        body: JSON.stringify({ userIds: [bob.id] }),
      });
      assert.ok(dm.status < 300, await dm.clone().text());
      const dmBody = (await dm.json()) as { room?: { id: string }; id?: string };
      const roomId = dmBody.room?.id ?? (dmBody.id as string);
      await until("membership", () => frames.some((f) => f.t === "membership"));
      const post = await fetch(`${base}/api/v1/rooms/${roomId}/messages`, {
        method: "POST",
        headers: as(alice),
        body: JSON.stringify({ text: "release check\nsecond line" }),
      });
      assert.equal(post.status, 201, await post.clone().text());
      await until("notify", () => frames.some((f) => f.t === "notify"));
      const notify = frames.find((f) => f.t === "notify");
      assert.deepEqual(notify?.banner, { title: "alice", body: "release check", senderId: alice.id });

      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      assert.equal(await closed, 1001, "the socket is closed as going away, so the SDK reconnects elsewhere");
      assert.equal(await exited, 0, log);
      assert.doesNotMatch(
        log,
        /release-admin-pass|alice-password-1|release check/,
        "no secret or message text in logs",
      );
    });
  },
);
