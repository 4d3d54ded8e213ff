// npm run bench:engine — decide() on big rooms; results go to the "## Engine" section of docs/BENCHMARKS.md.
import {
  buildRoomSnapshot,
  compileKeywords,
  DEFAULT_ADMIN_SETTINGS,
  decide,
  type MessageEvent,
  parseMessage,
  type RoomSnapshot,
  resolveMentions,
} from "../packages/core/src/index.ts";
import { mostlyQuietRoom, variedMembers } from "./lib/engine-fixture.ts";
import { markdownMessage, proseMessage } from "./lib/message-fixture.ts";
import { load, machine, utcMinute, writeSection } from "./lib/report.ts";

const NOW = Date.UTC(2025, 5, 16, 12);
const RUNS = 21;
const WARMUP = 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Median wall time and median CPU time (user + system of this process), in ms. The machine is shared, so
 * wall time includes waiting for a core; CPU time is closer to the work itself. */
function time(fn: () => unknown, runs = RUNS, warmup = WARMUP): { wall: number; cpu: number } {
  for (let k = 0; k < warmup; k++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

type Timing = { wall: number; cpu: number };

/** Runs engine and baseline alternately, so both see the same load, and returns the median of the
 * per-pair ratios (each side timed over 5 back-to-back calls, wall clock). */
function pairedRatio(engine: () => unknown, floor: () => unknown, pairs = 41): number {
  const wall = (fn: () => unknown) => {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < 5; k++) fn();
    return Number(process.hrtime.bigint() - t0);
  };
  const ratios: number[] = [];
  for (let k = 0; k < pairs; k++) ratios.push(wall(engine) / wall(floor));
  return median(ratios);
}
const ms = (t: Timing, digits = 2) => `${t.wall.toFixed(digits)} ms (CPU ${t.cpu.toFixed(digits)})`;
const us = (t: Timing) => `${(t.wall * 1000).toFixed(1)} µs (CPU ${(t.cpu * 1000).toFixed(0)})`;

const message = (text: string, roomId: string): MessageEvent => ({
  kind: "message",
  message: { id: "m", roomId, seq: 1, senderId: "u1", text, createdAt: NOW, kind: "user" },
});

/** The floor: read each member's three levels and flags from the same arrays, write one byte per member. */
function baseline(snap: RoomSnapshot): Uint8Array {
  const n = snap.size;
  const out = new Uint8Array(n);
  const { desktop, push, email, flags } = snap;
  for (let i = 0; i < n; i++) out[i] = (desktop[i] | (push[i] << 2) | (email[i] << 4)) ^ (flags[i] & 0xff);
  return out;
}

const lines: string[] = [];
const log = (s: string) => {
  console.log(s);
  lines.push(s);
};

const loadAtStart = load();
const members = variedMembers(100_000, NOW);
const t0 = performance.now();
const big = buildRoomSnapshot({ id: "big", kind: "channel" }, members, DEFAULT_ADMIN_SETTINGS, NOW);
const buildMs = performance.now() - t0;
// The server's path: mentions resolved once at post time (parseMessage + resolveMentions, measured below)
// and carried in the event, so decide parses nothing. Tests may give only the text: decide then derives them.
const carriedAll: MessageEvent = {
  ...message("@all deploy at 5", "big"),
  mentions: { users: [], keywords: [], all: true, here: false },
};
const all = time(() => decide(carriedAll, big, NOW));
const base = time(() => baseline(big));
const allText = time(() => decide(message("@all deploy at 5", "big"), big, NOW));
const here = time(() => decide(message("@here quick sync", "big"), big, NOW));
const plainVaried = time(() => decide(message("plain message", "big"), big, NOW));
const mention = time(() => decide(message("@user77 please look", "big"), big, NOW));

const perMember = (t: Timing) => `${((t.wall * 1e6) / 1e5).toFixed(1)} ns`;
log("| case (100,000 members, varied preferences and presence) | median wall (CPU) | per member (wall) |");
log("|---|---|---|");
log(
  `| \`decide\` one \`@all\` message (mentions carried in the event, as posted) | ${ms(all)} | ${perMember(all)} = ${(1e5 / all.wall / 1000).toFixed(1)} M recipients/s |`,
);
log(`| baseline: read levels + flags, write one byte per member | ${ms(base)} | ${perMember(base)} |`);
const paired = pairedRatio(
  () => decide(carriedAll, big, NOW),
  () => baseline(big),
);
const ratio = `${(all.wall / base.wall).toFixed(1)} × wall, ${(all.cpu / base.cpu).toFixed(1)} × CPU; paired: ${paired.toFixed(1)} ×`;
log(`| ratio engine / baseline (target ≤ 10 ×) | ${ratio} | paired = median over 41 alternating pairs |`);
log(`| \`decide\` one \`@all\` message given only its text (decide parses it) | ${ms(allText)} | |`);
log(`| \`decide\` one \`@here\` message | ${ms(here)} | |`);
log(`| \`decide\` plain message (13,000 members at level \`all\` in this mix) | ${ms(plainVaried)} | |`);
log(`| \`decide\` one personal mention (the same 13,000 + the mentioned) | ${ms(mention)} | |`);
log(`| build the snapshot once (\`buildRoomSnapshot\`, not per message) | ${buildMs.toFixed(0)} ms | |`);
log("");
log("Plain message (no mentions) in rooms where 100 members are connected at level `all` and everyone else");
log("is at `mentions` with no connection: the work must not grow with room size.");
log("");
log("| members | `decide` plain message, median wall (CPU) | `decide` `@all`, median wall (CPU) |");
log("|---|---|---|");
for (const n of [1_000, 10_000, 100_000]) {
  const snap = mostlyQuietRoom(n, 100, NOW);
  const plain = time(() => decide(message("plain message", "q"), snap, NOW), 101, 50);
  const grp = time(() => decide(message("@all hello", "q"), snap, NOW));
  log(`| ${n.toLocaleString("en-US")} | ${us(plain)} | ${ms(grp)} |`);
}

// The one message parser (MEN-1 … MEN-4, DSK-4): once per message at post time, target ≤ 1 ms per 16 KiB.
log("");
log("Parsing one message (`parseMessage`: markdown-it tokens → mention names, `@all`/`@here`, e-mails,");
log("keyword search text, plain first line), once per message at post time. Target ≤ 1 ms per 16 KiB.");
log("");
log("| message (16 KiB) | `parseMessage`, median wall (CPU) |");
log("|---|---|");
const prose = proseMessage();
const dense = markdownMessage();
// Optimised code for the parser is compiled in the background after enough calls; with only the usual
// 50 warm-up calls, the first message timed ran partly unoptimised (3-30 times its steady time on a
// 2-core machine). A server parses messages all day, so both are parsed 500 times before either is timed.
for (let k = 0; k < 500; k++) {
  parseMessage(prose);
  parseMessage(dense);
}
const parseProse = time(() => parseMessage(prose), 101, 50);
const parseDense = time(() => parseMessage(dense), 101, 50);
log(`| chat prose with mentions, URLs, www links, e-mail addresses, CJK | ${ms(parseProse, 3)} |`);
log(`| Markdown-dense: headings, lists, code spans and fences, tables, quotes | ${ms(parseDense, 3)} |`);
const parsedProse = parseMessage(prose);
const keywordMembers = Array.from({ length: 1000 }, (_, i) => ({
  userId: `k${i}`,
  matcher: compileKeywords([`word${i}`, `release train ${i}`, i % 10 === 0 ? "latency" : `topic${i}`]),
}));
const names = Array.from(
  { length: 500 },
  (_, i) => [`user${i}`, { id: `u${i}`, member: i % 2 === 0 }] as const,
);
const lookup = { senderId: "u1", userByName: new Map(names), keywordMembers };
// A new message each call, so the per-message word index is built every time, as at post time.
const variants = Array.from({ length: 200 }, (_, k) => ({
  ...parsedProse,
  searchText: `${parsedProse.searchText} ${k}`,
}));
let variant = 0;
const resolve = time(() => resolveMentions(variants[variant++ % variants.length], lookup), 101, 20);
log(
  `| \`resolveMentions\` for that prose: 1,000 members with 3 keywords each, 500 names | ${ms(resolve, 3)} |`,
);

const header = [
  "## Engine",
  "",
  `Command: \`npm run bench:engine\` (\`node bench/engine.bench.ts\`) — ${utcMinute()}.`,
  `Machine: ${machine()}. Load average at start: ${loadAtStart}; at end: ${load()}.`,
  `Each number is the median of ${RUNS} runs (plain messages: 101) after warm-up, single thread; CPU = process CPU time.`,
  "On a loaded machine wall time includes waiting for a core: a 2–3 ms `decide` is preempted far more often",
  "than the 0.3 ms baseline, so the wall ratio overstates the gap there and the CPU-time ratio is the fairer one.",
  "",
];
const section = `${[...header, ...lines].join("\n")}\n`;
writeSection("## Engine", section);
