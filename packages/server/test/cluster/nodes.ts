// Real Herald processes for the cluster suite: `main.ts serve --roles=…` children on one PostgreSQL database
// and one Redis, each started as `npm start` starts it (Node 24, --experimental-strip-types), and a private
// redis-server the suite may stop and start again without touching the machine's shared Redis.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));

/** A port nobody listens on (yet). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const addr = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  if (addr === null || typeof addr === "string") throw new Error("no port");
  return addr.port;
}

export const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** The V8 flag docs/OPERATIONS.md gives cluster nodes, `--roles=api,gateway` and `--roles=worker` alike
 *  (see "Running"). */
export const HEAP_FLAG = "--max-old-space-size=256";

export class HeraldNode {
  child: ChildProcess | null = null;
  url = "";
  log = "";
  #exited: Promise<void> = Promise.resolve();

  readonly name: string;
  readonly roles: string;
  readonly env: Record<string, string>;

  constructor(name: string, roles: string, env: Record<string, string>) {
    this.name = name;
    this.roles = roles;
    this.env = env;
  }

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  get ws(): string {
    return `${this.url.replace(/^http/, "ws")}/api/v1/realtime`;
  }

  /** Starts the process; resolves once it says where it runs. */
  start(): Promise<void> {
    // A cluster node runs with a small old generation, as docs/OPERATIONS.md says to start it.
    const heap = [HEAP_FLAG];
    const child = spawn(
      process.execPath,
      [
        "--experimental-strip-types",
        "--max-semi-space-size=8",
        ...heap,
        MAIN,
        "serve",
        `--roles=${this.roles}`,
      ],
      { env: { PATH: process.env.PATH ?? "", ...this.env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    this.child = child;
    this.#exited = new Promise((resolve) => child.once("exit", () => resolve()));
    let out = "";
    child.stderr?.on("data", (d: Buffer) => {
      this.log += d;
    });
    return new Promise((resolve, reject) => {
      child.stdout?.on("data", (d: Buffer) => {
        out += d;
        this.log += d;
        const m = /Herald is running at (http:\/\/\S+)/.exec(out);
        if (m) {
          this.url = m[1].replace("localhost", "127.0.0.1");
          resolve();
        }
      });
      child.once("exit", (code) =>
        reject(new Error(`${this.name} exited ${code} before listening:\n${this.log}`)),
      );
    });
  }

  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.#exited;
  }

  /** Local ports of this process's TCP sockets (Linux /proc): whose connection a peer is holding. */
  socketPorts(): Set<number> {
    const inodes = new Set<string>();
    for (const fd of readdirSync(`/proc/${this.pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${this.pid}/fd/${fd}`));
        if (m) inodes.add(m[1]);
      } catch {
        // closed meanwhile
      }
    }
    const ports = new Set<number>();
    for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
      for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols.length > 9 && inodes.has(cols[9])) ports.add(Number.parseInt(cols[1].split(":")[1], 16));
      }
    }
    return ports;
  }
}

/** A redis-server of the suite's own (no persistence), stoppable and restartable on the same port. */
export class PrivateRedis {
  #child: ChildProcess | null = null;
  #exited: Promise<void> = Promise.resolve();

  readonly port: number;

  constructor(port: number) {
    this.port = port;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static available(): boolean {
    return spawnSync("redis-server", ["--version"]).status === 0;
  }

  async start(): Promise<void> {
    const child = spawn(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once("exit", () => resolve()));
    await until(`redis-server on ${this.port}`, async () => {
      const r = new Redis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      r.on("error", () => {});
      try {
        await r.connect();
        return (await r.ping()) === "PONG";
      } catch {
        return false;
      } finally {
        r.disconnect();
      }
    });
  }

  async stop(): Promise<void> {
    this.#child?.kill("SIGKILL");
    await this.#exited;
  }
}
