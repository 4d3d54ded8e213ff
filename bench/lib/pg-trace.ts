// Counts the PostgreSQL statements (round trips) the server process sends, by statement, and the wall time each
// took from send to answer — where a post's time goes on PostgreSQL. pg's Client sends one statement at a time
// per connection, so every statement is one loopback round trip. Counting wraps Client#query (a few hundred ns).
// It also takes PostgreSQL's own CPU over the same window (pgCpu): utime + stime from /proc of the backends that
// served this process's statements, and of the server's background processes (WAL writer, checkpointer, …),
// which other databases on the same server share. Needs the database on this machine; 0 otherwise.
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";

interface Stat {
  n: number;
  ms: number;
}

const stats = new Map<string, Stat>();
/** Labels by SQL text: the hot path sends a few texts thousands of times, and labelling one costs regexes
 *  the server's CPU per post would otherwise count. */
const labels = new Map<string, string>();
let on = false;
/** Backend pid → its CPU ticks when this trace first saw it. */
const backends = new Map<number, number>();
/** Background process pid → its CPU ticks at traceStart. */
let background = new Map<number, number>();
/** Kernel clock ticks per second (USER_HZ): 100 on Linux. */
const HZ = 100;

/** utime + stime of a process in clock ticks, or null when it is gone or not visible. */
function ticks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return null;
  }
}

/** PostgreSQL's processes that serve no client: the WAL writer, checkpointer, background writer, … */
function backgroundPids(): Map<number, number> {
  const found = new Map<number, number>();
  let dirs: string[];
  try {
    dirs = readdirSync("/proc");
  } catch {
    return found;
  }
  for (const d of dirs) {
    if (!/^\d+$/.test(d)) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${d}/cmdline`, "utf8");
    } catch {
      continue;
    }
    if (/^postgres: .*(walwriter|checkpointer|background writer|autovacuum|walsender)/.test(cmd)) {
      const t = ticks(Number(d));
      if (t !== null) found.set(Number(d), t);
    }
  }
  return found;
}

type QueryFn = (this: unknown, ...args: unknown[]) => unknown;
const proto = pg.Client.prototype as unknown as { query: QueryFn };
const original = proto.query;
proto.query = function (this: unknown, ...args: unknown[]) {
  const q = args[0];
  const text = typeof q === "string" ? q : ((q as { text?: string } | undefined)?.text ?? "");
  const result = original.apply(this, args);
  if (on && result instanceof Promise) {
    const pid = (this as { processID?: number | null }).processID;
    if (pid && !backends.has(pid)) backends.set(pid, ticks(pid) ?? Number.NaN);
    const t0 = performance.now();
    let key = labels.get(text);
    if (key === undefined) {
      key = label(text);
      labels.set(text, key);
    }
    result.then(
      () => {
        const s = stats.get(key) ?? { n: 0, ms: 0 };
        s.n++;
        s.ms += performance.now() - t0;
        stats.set(key, s);
      },
      () => {},
    );
  }
  return result;
};

/** A short name for a statement: its first words, the table it writes or reads. */
function label(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  const cte = /^with herald_seq/i.test(t);
  if (cte) return "post CTE (membership + room seq + message + sender read + level-all probe)";
  const m =
    /^(select|insert into|update|delete from|begin|commit|rollback|savepoint|release)\b\s*("?[\w.]+"?)?/i.exec(
      t,
    );
  if (!m) return t.slice(0, 50);
  if (/pg_logical_emit_message/.test(t)) return "flush (synchronous WAL record, other connection)";
  const what = m[1].toLowerCase();
  if (what === "select") {
    const from = /\bfrom "?(\w+)"?/i.exec(t);
    return `select … from ${from?.[1] ?? "?"}`;
  }
  return m[2] ? `${what} ${m[2].replaceAll('"', "")}` : what;
}

export function traceStart(): void {
  stats.clear();
  backends.clear();
  background = backgroundPids();
  on = true;
}

/** PostgreSQL CPU µs per post since traceStart: this process's backends, and the shared background processes. */
function pgCpu(posts: number): { backends: number; background: number } | null {
  let b = 0;
  for (const [pid, t0] of backends) b += (ticks(pid) ?? t0) - t0;
  let g = 0;
  for (const [pid, t0] of background) g += (ticks(pid) ?? t0) - t0;
  if (!backends.size || Number.isNaN(b)) return null;
  const us = (t: number) => Math.round((t * 1e6) / HZ / posts);
  return { backends: us(b), background: us(g) };
}

/** Statements sent since traceStart, most frequent first: per post (÷ posts) and mean wall ms each. */
export function traceStop(posts: number): { statement: string; perPost: number; ms: number }[] {
  on = false;
  const cpu = pgCpu(posts);
  if (cpu)
    console.log(
      `PostgreSQL CPU per post: ${cpu.backends} µs in ${backends.size} backends of this process, ${cpu.background} µs in background processes (WAL writer, checkpointer, …; shared with other databases)`,
    );
  return [...stats]
    .map(([statement, s]) => ({ statement, perPost: s.n / posts, ms: s.ms / s.n }))
    .sort((a, b) => b.perPost - a.perPost);
}
