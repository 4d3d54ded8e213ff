// Client load for bench/gateway.bench.ts, in its own process: opens N WebSockets on loopback, sends hello,
// and reports, for the next "expect" round, when the last client had every expected event type.
import { WebSocket } from "ws";

interface Cmd {
  cmd: "open" | "expect" | "close" | "track" | "report" | "count" | "counted" | "banners";
  url?: string;
  n?: number;
  hello?: boolean;
  types?: string[];
  /** Bearer token of client i (default `u${i}`: benchmarks whose gateway takes the user id as token). */
  tokens?: string[];
  /** `counted`: answer once every socket had this many `message` events (or at `timeoutMs`). */
  messages?: number;
  timeoutMs?: number;
  /** `expect`: keep the frames the first socket receives this round (a raw floor can resend them). */
  capture?: boolean;
}

let sockets: WebSocket[] = [];
let tokens: string[] | undefined;
/** The bench itself is closing the sockets ("close"): those closes are no news. */
let closing = false;

// Counting mode (bench:api with connected members): message and banner events per socket.
let counting = false;
const messagesOf = new Map<WebSocket, number>();
let bannerCount = 0;
let messageCount = 0;

function count(ws: WebSocket, data: string): void {
  const f = JSON.parse(data) as { t: string; banner?: unknown; events?: { t: string; banner?: unknown }[] };
  for (const e of f.t === "multi" ? (f.events ?? []) : [f]) {
    if (e.t === "message") {
      messageCount++;
      messagesOf.set(ws, (messagesOf.get(ws) ?? 0) + 1);
    } else if (e.t === "notify" && e.banner) bannerCount++;
  }
}
let want: string[] = [];
let pending = 0;
let last = 0;
let captureFrom: WebSocket | undefined;
let captured: string[] = [];
const seen = new Map<WebSocket, Set<string>>();

// Steady-load tracking: post → banner latency from the message's createdAt, and duplicates per socket.
let tracking = false;
const latencies: number[] = [];
let dups = 0;
const bannersSeen = new Map<WebSocket, Set<string>>();

function track(ws: WebSocket, data: string): void {
  const f = JSON.parse(data) as {
    t: string;
    events?: {
      t: string;
      banner?: unknown;
      messageId?: string;
      message?: { createdAt: number; text?: string };
    }[];
  };
  if (f.t !== "multi") return;
  const msg = f.events!.find((e) => e.t === "message");
  const notify = f.events!.find((e) => e.t === "notify" && e.banner);
  if (!msg || !notify) return;
  const now = performance.timeOrigin + performance.now();
  // From the poster's send when it wrote its time in the text (HTTP steady load), else from the message's creation.
  const sentAt = /\bt=(\d+(?:\.\d+)?)/.exec((msg.message as { text?: string }).text ?? "");
  latencies.push(now - (sentAt ? Number(sentAt[1]) : msg.message!.createdAt));
  let set = bannersSeen.get(ws);
  if (!set) {
    set = new Set();
    bannersSeen.set(ws, set);
  }
  if (set.has(notify.messageId!)) dups++;
  set.add(notify.messageId!);
}

function onFrame(ws: WebSocket, data: string): void {
  if (counting) {
    count(ws, data);
    return;
  }
  if (tracking) {
    track(ws, data);
    return;
  }
  if (want.length === 0) return;
  if (ws === captureFrom) captured.push(data);
  const f = JSON.parse(data) as { t: string; banner?: unknown; events?: { t: string; banner?: unknown }[] };
  const set = seen.get(ws)!;
  for (const e of f.t === "multi" ? f.events! : [f]) set.add(e.t === "notify" && e.banner ? "banner" : e.t);
  if (want.every((t) => set.has(t)) && !set.has("#done")) {
    set.add("#done");
    last = performance.timeOrigin + performance.now();
    if (--pending === 0) process.send!({ done: true, last, frames: captured });
  }
}

async function open(url: string, n: number, hello: boolean): Promise<void> {
  const batch = 500;
  for (let i = 0; i < n; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, n - i) }, (_, j) => {
        const id = i + j;
        return new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(url, {
            headers: { authorization: `Bearer ${tokens?.[id] ?? `u${id}`}` },
            perMessageDeflate: false,
          });
          seen.set(ws, new Set());
          ws.on("message", (d) => onFrame(ws, d.toString()));
          ws.on("error", reject);
          // A socket the server closes never gets the round's events: say so at once, with the server's code
          // and reason (e.g. 1013 slow consumer), instead of the round only timing out.
          ws.on("close", (code, reason) => {
            if (!closing && process.connected)
              process.send!({ socketClosed: id, code, reason: reason.toString() });
          });
          ws.on("open", () => {
            if (hello) {
              ws.send(
                JSON.stringify({
                  t: "hello",
                  deviceId: `d${id}`,
                  deviceKind: "web",
                  permission: "granted",
                  focused: false,
                  visible: true,
                }),
              );
            }
            sockets.push(ws);
            resolve();
          });
        });
      }),
    );
  }
}

process.on("message", async (m: Cmd) => {
  if (m.cmd === "open") {
    tokens = m.tokens;
    await open(m.url!, m.n!, m.hello ?? false);
    process.send!({ opened: sockets.length });
  } else if (m.cmd === "expect") {
    want = m.types!;
    pending = sockets.length;
    captureFrom = m.capture ? sockets[0] : undefined;
    captured = [];
    for (const s of seen.values()) s.clear();
    process.send!({ armed: true });
  } else if (m.cmd === "track") {
    tracking = true;
    process.send!({ tracking: true });
  } else if (m.cmd === "banners") {
    // Steady load: banners tracked so far, so the bench can wait for the backlog to drain.
    process.send!({ banners: latencies.length });
  } else if (m.cmd === "report") {
    tracking = false;
    const xs = latencies.sort((a, b) => a - b);
    const q = (p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
    const cpu = process.cpuUsage();
    process.send!({
      report: true,
      banners: xs.length,
      dups,
      p50: q(0.5),
      p99: q(0.99),
      max: xs.at(-1) ?? 0,
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
  } else if (m.cmd === "count") {
    counting = true;
    messageCount = 0;
    bannerCount = 0;
    messagesOf.clear();
    process.send!({ counting: true });
  } else if (m.cmd === "counted") {
    const until = performance.now() + (m.timeoutMs ?? 30_000);
    const all = () => sockets.every((s) => (messagesOf.get(s) ?? 0) >= (m.messages ?? 0));
    while (!all() && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
    const cpu = process.cpuUsage();
    process.send!({
      counted: true,
      complete: all() ? 1 : 0,
      messages: messageCount,
      banners: bannerCount,
      at: performance.timeOrigin + performance.now(),
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
  } else if (m.cmd === "close") {
    closing = true;
    for (const s of sockets) s.terminate();
    sockets = [];
    seen.clear();
    process.send!({ closed: true });
  }
});
