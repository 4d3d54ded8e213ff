// A real Herald server in a child process for the crash test: started on a given SQLite file with short
// delivery delays, killed with SIGKILL at chosen moments, restarted on the same file.
import { type ChildProcess, spawn } from "node:child_process";
import { DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));

export interface ServerChild {
  url: string;
  child: ChildProcess;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServer(dataDir: string, env: Record<string, string>): Promise<ServerChild> {
  const child = spawn(process.execPath, [MAIN, "serve"], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      HERALD_DATA_DIR: dataDir,
      HERALD_WEB_DIST: `${dataDir}/no-web`,
      HERALD_LOG_LEVEL: "silent",
      // The local RFC 8030 push peer listens on loopback, which push endpoints may not be by default.
      HERALD_PUSH_ALLOW_HOSTS: "127.0.0.1",
      HERALD_ADMIN_PASSWORD: "crash-test-admin-pw",
      DATABASE_URL: "",
      REDIS_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (c: Buffer) => {
    err += c.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}) before listening: ${err}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    child,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Rows of the outbox still to be worked on (read-only look at the server's SQLite file, WAL mode). */
export function openWork(file: string): number {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    db.exec("PRAGMA busy_timeout = 5000");
    const r = db
      .prepare("select count(*) as n from deliveries where state in ('pending','claimed','batched')")
      .get() as { n: number };
    return Number(r.n);
  } finally {
    db.close();
  }
}

/** Seeded PRNG (mulberry32): a failing seed replays the same kill points. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
