// The herald CLI as a child process on this Node (24): `migrate`, `user create …`, `serve` first run (prints
// the first admin's sign-in, answers HTTP, stops on SIGTERM), and configuration errors printed all at once
// with a non-zero exit.
// SQLite only (test/helpers/matrix.ts): the CLI on a data folder, whose store is its SQLite file.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { verifyPassword } from "../../src/http/auth/passwords.ts";
import { userByUsername } from "../../src/store/accounts.ts";
import { openStore } from "../../src/store/db.ts";

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "herald-cli-"));
  dirs.push(d);
  return d;
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `herald …args` with only the given environment (plus PATH), to completion. */
function herald(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { PATH: process.env.PATH ?? "", HERALD_LOG_LEVEL: "warn", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `herald serve`; resolves once it prints where it runs. stop() sends SIGTERM and gives the exit code. */
function startServe(
  env: Record<string, string>,
): Promise<{ url: string; stdout: string; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, [MAIN, "serve"], {
    env: { PATH: process.env.PATH ?? "", HERALD_LOG_LEVEL: "warn", ...env },
  });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.stdout.on("data", (d) => {
      stdout += d;
      // main.ts prints the address and the first admin's sign-in in one write.
      const m = /Herald is running at (\S+) .*\n/.exec(stdout);
      if (m) {
        resolve({
          url: m[1],
          stdout,
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
      }
    });
    exited.then((code) => reject(new Error(`herald serve exited ${code} before running: ${stderr}`)));
  });
}

describe("herald CLI", () => {
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test("runs on Node 24", () => {
    assert.ok(Number(process.versions.node.split(".")[0]) >= 24, process.version);
  });

  test("`herald migrate` applies every migration once, then says the database is up to date", async () => {
    const dir = tempDir();
    const first = await herald(["migrate"], { HERALD_DATA_DIR: dir });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^applied: 0001_core_tables/);
    const again = await herald(["migrate"], { HERALD_DATA_DIR: dir });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, "database is up to date\n");
  });

  test("`herald user create` makes a user with role, email and display name who can sign in", async () => {
    const dir = tempDir();
    const r = await herald(
      [
        "user",
        "create",
        "--username",
        "ops.lead",
        "--password",
        "correct horse",
        "--role",
        "agent",
        "--email",
        "Ops@Example.com",
        "--display-name",
        "Ops Lead",
      ],
      { HERALD_DATA_DIR: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^created user ops\.lead \(agent\) id \S+\n$/);
    const store = await openStore({ sqlitePath: join(dir, "herald.db") });
    try {
      const u = await userByUsername(store.db, "OPS.LEAD");
      assert.ok(u);
      assert.equal(u.role, "agent");
      assert.equal(u.email, "ops@example.com");
      assert.equal(u.display_name, "Ops Lead");
      assert.ok(await verifyPassword("correct horse", u.password_hash));
    } finally {
      await store.close();
    }
    const dup = await herald(["user", "create", "--username", "Ops.Lead", "--password", "another one"], {
      HERALD_DATA_DIR: dir,
    });
    assert.equal(dup.code, 1);
    assert.equal(dup.stderr, "herald: that username is taken (username)\n");
  });

  test("[§1] `herald user create` takes a Unicode name, stored NFC; its case-folded twin is taken (the same validation as POST /users)", async () => {
    const dir = tempDir();
    const env = { HERALD_DATA_DIR: dir };
    const r = await herald(["user", "create", "--username", "Jose\u0301", "--password", "long enough"], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^created user José \(member\) id \S+\n$/);
    const dup = await herald(["user", "create", "--username", "JOSÉ", "--password", "long enough"], env);
    assert.equal(dup.code, 1);
    assert.equal(dup.stderr, "herald: that username is taken (username)\n");
  });

  test("`herald user create` refuses bad input with a message and exit 1", async () => {
    const dir = tempDir();
    // Argument mistakes answer before the app loads; a bad value comes from the same validation as POST /users.
    const cases: [string[], RegExp][] = [
      [["--username", "x"], /--password is required/],
      [["--username", "x", "--password", "long enough", "--colour", "red"], /Unknown option '--colour'/],
      [
        ["--username", "x", "--password", "long enough", "--role", "owner"],
        /^herald: unknown role \(role\)\n$/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await herald(["user", "create", ...args], { HERALD_DATA_DIR: dir });
      assert.equal(r.code, 1, args.join(" "));
      assert.match(r.stderr, message, args.join(" "));
      assert.doesNotMatch(r.stderr, /\n\s+at /, "a message, not a stack trace");
    }
  });

  test("configuration errors are all printed at once, exit 1, for every command", async () => {
    const env = {
      PORT: "eighty",
      DATABASE_URL: "mysql://db/herald",
      HERALD_LOG_LEVEL: "loud",
      HERALD_SESSION_TTL_DAYS: "0",
    };
    for (const args of [
      ["serve"],
      ["migrate"],
      ["user", "create", "--username", "x", "--password", "long enough"],
    ]) {
      const r = await herald(args, env);
      assert.equal(r.code, 1, args.join(" "));
      const lines = r.stderr.trim().split("\n");
      assert.equal(lines[0], "herald: invalid configuration:");
      assert.equal(lines.length, 5, r.stderr);
      for (const name of ["PORT", "DATABASE_URL", "HERALD_LOG_LEVEL", "HERALD_SESSION_TTL_DAYS"]) {
        assert.ok(
          lines.some((l) => l.startsWith(`  - ${name}=`)),
          `${name} in ${r.stderr}`,
        );
      }
    }
  });

  test("a HERALD_CONFIG file: unknown keys and bad values are reported; the environment wins", async () => {
    const dir = tempDir();
    const file = join(dir, "herald.json");
    writeFileSync(file, JSON.stringify({ PORT: 70000, HERALD_COLOUR: "red", HERALD_DATA_DIR: dir }));
    const r = await herald(["migrate"], { HERALD_CONFIG: file });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /PORT="70000": must be an integer/);
    assert.match(r.stderr, /unknown setting HERALD_COLOUR/);
    writeFileSync(file, JSON.stringify({ PORT: 70000, HERALD_DATA_DIR: dir }));
    const ok = await herald(["migrate"], { HERALD_CONFIG: file, PORT: "8080" });
    assert.equal(ok.code, 0, ok.stderr);
    writeFileSync(file, "{not json");
    const bad = await herald(["migrate"], { HERALD_CONFIG: file });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /HERALD_CONFIG=.*herald\.json/);
  });

  test("unknown commands and roles print the usage and exit 1", async () => {
    const r = await herald(["frobnicate"], {});
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^usage:/);
    const roles = await herald(["serve", "--roles=api,mailer"], { HERALD_DATA_DIR: tempDir() });
    assert.equal(roles.code, 1);
    assert.match(roles.stderr, /unknown role\(s\) mailer/);
  });

  test("a bad HERALD_ADMIN_PASSWORD on first start is a clear error, not a crash", async () => {
    const r = await herald(["serve"], {
      HERALD_DATA_DIR: tempDir(),
      PORT: "0",
      HERALD_ADMIN_PASSWORD: "short",
    });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "herald: first admin (HERALD_ADMIN_*): password needs at least 8 characters (password)\n",
    );
  });
  test("first run: `herald serve` prints the admin's sign-in, answers HTTP, stops on SIGTERM; a restart keeps the data", async () => {
    const dir = tempDir();
    const env = { HERALD_DATA_DIR: dir, PORT: "0", HOST: "127.0.0.1", HERALD_WEB_DIST: join(dir, "no-web") };
    const first = await startServe(env);
    try {
      const m = /First admin created\. Sign in as "admin" with the password (\S+) /.exec(first.stdout);
      assert.ok(m, first.stdout);
      const base = first.url;
      assert.deepEqual(await (await fetch(`${base}/healthz`)).json(), { ok: true });
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login: "admin", password: m[1] }),
      });
      assert.equal(login.status, 200);
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
      const { csrfToken } = await login.json();
      const room = await fetch(`${base}/api/v1/rooms`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
        body: JSON.stringify({ kind: "channel", name: "general" }),
      });
      assert.equal(room.status, 201);
    } finally {
      assert.equal(await first.stop(), 0, "SIGTERM stops cleanly");
    }
    const second = await startServe(env);
    try {
      assert.doesNotMatch(second.stdout, /First admin/);
      const rooms = await fetch(`${second.url}/readyz`);
      assert.equal(rooms.status, 200);
    } finally {
      assert.equal(await second.stop(), 0);
    }
  });
});
