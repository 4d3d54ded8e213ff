// Counts the PostgreSQL statements (round trips) the server process sends, by statement, and the wall time each
// took from send to answer — where a post's time goes on PostgreSQL. pg's Client sends one statement at a time
// per connection, so every statement is one loopback round trip. Counting wraps Client#query (a few hundred ns).
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

type QueryFn = (this: unknown, ...args: unknown[]) => unknown;
const proto = pg.Client.prototype as unknown as { query: QueryFn };
const original = proto.query;
proto.query = function (this: unknown, ...args: unknown[]) {
  const q = args[0];
  const text = typeof q === "string" ? q : ((q as { text?: string } | undefined)?.text ?? "");
  const result = original.apply(this, args);
  if (on && result instanceof Promise) {
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
  on = true;
}

/** Statements sent since traceStart, most frequent first: per post (÷ posts) and mean wall ms each. */
export function traceStop(posts: number): { statement: string; perPost: number; ms: number }[] {
  on = false;
  return [...stats]
    .map(([statement, s]) => ({ statement, perPost: s.n / posts, ms: s.ms / s.n }))
    .sort((a, b) => b.perPost - a.perPost);
}
