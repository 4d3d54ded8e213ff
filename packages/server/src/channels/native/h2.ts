// One multiplexed HTTP/2 session per origin (APNs asks providers to keep connections open and reuse them
// rather than open one per push; FCM's HTTP v1 endpoint serves HTTP/2 as well). Node does not queue streams
// past the peer's SETTINGS_MAX_CONCURRENT_STREAMS — it refuses them — and APNs starts a connection with a
// low limit that it raises once the provider token is accepted, so requests wait here for a free stream.
// A session that closes, errors or receives GOAWAY is dropped; waiting requests move to a new one.
import http2, { type ClientHttp2Session, type IncomingHttpHeaders } from "node:http2";

export interface H2Response {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface H2Options {
  /** Extra trusted CA certificates (PEM): test peers, TLS-inspecting egress proxies. */
  ca?: string;
  /** A request that gets no answer within this is abandoned (the caller retries). */
  timeoutMs?: number;
}

/** Streams we open at once on one session even if the peer allows more. */
const MAX_STREAMS = 1000;

interface Slot {
  session: ClientHttp2Session;
  /** The peer's first SETTINGS arrived: its stream limit is known. */
  ready: boolean;
  active: number;
  waiting: ((slot: Slot | Error) => void)[];
}

export class H2Pool {
  readonly #slots = new Map<string, Slot>();
  readonly #ca: string | undefined;
  readonly #timeoutMs: number;

  constructor(options: H2Options = {}) {
    this.#ca = options.ca;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  #slot(origin: string): Slot {
    const have = this.#slots.get(origin);
    if (have && !have.session.closed && !have.session.destroyed) return have;
    const session = http2.connect(origin, this.#ca ? { ca: this.#ca } : {});
    const slot: Slot = { session, ready: false, active: 0, waiting: [] };
    const drop = (err?: Error) => {
      if (this.#slots.get(origin) !== slot) return;
      this.#slots.delete(origin);
      // Waiting requests try a fresh session; if connecting fails, they fail as network errors (retried).
      const waiting = slot.waiting.splice(0);
      if (!slot.ready) {
        const why = err ?? new Error("HTTP/2 connection closed before the peer's settings");
        for (const w of waiting) w(why);
      } else for (const w of waiting) this.#acquire(origin).then(w, w);
    };
    session.on("remoteSettings", () => {
      slot.ready = true;
      this.#drain(slot);
    });
    session.on("close", () => drop());
    session.on("goaway", () => drop());
    session.on("error", (err) => drop(err));
    // An idle session must not keep the process alive on shutdown.
    session.unref();
    this.#slots.set(origin, slot);
    return slot;
  }

  #limit(slot: Slot): number {
    return Math.max(1, Math.min(MAX_STREAMS, slot.session.remoteSettings.maxConcurrentStreams ?? 100));
  }

  #drain(slot: Slot): void {
    while (slot.ready && slot.waiting.length && slot.active < this.#limit(slot)) {
      if (slot.active === 0) slot.session.ref();
      slot.active++;
      slot.waiting.shift()?.(slot);
    }
  }

  #acquire(origin: string): Promise<Slot> {
    return new Promise((resolve, reject) => {
      let slot: Slot;
      try {
        slot = this.#slot(origin);
      } catch (err) {
        reject(err);
        return;
      }
      slot.waiting.push((s) => (s instanceof Error ? reject(s) : resolve(s)));
      this.#drain(slot);
    });
  }

  #release(slot: Slot): void {
    slot.active--;
    if (slot.active === 0 && !slot.session.destroyed) slot.session.unref();
    this.#drain(slot);
  }

  async request(
    origin: string,
    headers: Record<string, string | number>,
    body: string | Buffer,
  ): Promise<H2Response> {
    const slot = await this.#acquire(origin);
    return new Promise((resolve, reject) => {
      let settled = false;
      const done = () => {
        if (settled) return false;
        settled = true;
        this.#release(slot);
        return true;
      };
      let stream: ReturnType<ClientHttp2Session["request"]>;
      try {
        stream = slot.session.request({ ":method": "POST", ...headers });
      } catch (err) {
        done();
        reject(err);
        return;
      }
      const chunks: Buffer[] = [];
      let status = 0;
      let resHeaders: IncomingHttpHeaders = {};
      stream.setTimeout(this.#timeoutMs, () => {
        stream.close(http2.constants.NGHTTP2_CANCEL);
        if (done())
          reject(Object.assign(new Error(`no answer within ${this.#timeoutMs} ms`), { code: "ETIMEDOUT" }));
      });
      stream.on("response", (h) => {
        status = Number(h[":status"]);
        resHeaders = h;
      });
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (done()) resolve({ status, headers: resHeaders, body: Buffer.concat(chunks).toString("utf8") });
      });
      stream.on("error", (err) => {
        if (done()) reject(err);
      });
      stream.end(body);
    });
  }

  close(): void {
    for (const s of this.#slots.values()) s.session.close();
    this.#slots.clear();
  }
}
