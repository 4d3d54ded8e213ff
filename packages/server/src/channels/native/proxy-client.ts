// The self-hosted side of the push proxy hop: POST the HopMessage, signed, to the Herald push proxy, and map
// its answer (the proxy's own SendResult) back. The proxy's retry time comes as a delay, not a clock reading.
import http from "node:http";
import https from "node:https";
import type { PushMessage } from "../push-types.ts";
import { type Clock, networkRetry, type SendResult } from "../result.ts";
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "../webhook.ts";
import { PROXY_PATH, toHop } from "./proxy-hop.ts";

export interface ProxyClientOptions {
  url: string;
  secret: string;
  clock: Clock;
  ca?: string;
}

export class PushProxyClient {
  readonly #o: ProxyClientOptions;
  readonly #target: URL;
  readonly #agent: http.Agent;

  constructor(o: ProxyClientOptions) {
    this.#o = o;
    this.#target = new URL(PROXY_PATH, o.url.endsWith("/") ? o.url : `${o.url}/`);
    // The path is absolute: a proxy URL with a path prefix keeps its origin only.
    this.#agent =
      this.#target.protocol === "https:"
        ? new https.Agent({ keepAlive: true, maxSockets: 64, ...(o.ca ? { ca: o.ca } : {}) })
        : new http.Agent({ keepAlive: true, maxSockets: 64 });
  }

  async send(
    t: { platform: "apns" | "fcm"; token: string; appId: string; environment: "production" | "sandbox" },
    push: PushMessage,
  ): Promise<SendResult> {
    const message = JSON.stringify(toHop(t, push));
    const ts = Math.floor(this.#o.clock.now() / 1000);
    const body = JSON.stringify({ message });
    try {
      const res = await this.#post(body, {
        [TIMESTAMP_HEADER]: String(ts),
        [SIGNATURE_HEADER]: signWebhook(this.#o.secret, ts, message),
      });
      if (res.status === 200) {
        const r = (
          JSON.parse(res.body) as { result?: { kind?: string; reason?: string; retryInMs?: number } }
        ).result;
        const reason = `via push proxy: ${r?.reason ?? ""}`.trim();
        if (r?.kind === "sent") return { kind: "sent" };
        if (r?.kind === "gone") return { kind: "gone", reason };
        if (r?.kind === "retry")
          return typeof r.retryInMs === "number"
            ? { kind: "retry", at: this.#o.clock.now() + r.retryInMs, reason }
            : { kind: "retry", reason };
        return { kind: "failed", reason };
      }
      const why = `push proxy answered ${res.status}: ${res.body.slice(0, 200)}`;
      if (res.status === 429 || res.status >= 500) return { kind: "retry", reason: why };
      return { kind: "failed", reason: why };
    } catch (err) {
      return networkRetry(err);
    }
  }

  #post(body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
    const lib = this.#target.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(
        this.#target,
        {
          method: "POST",
          agent: this.#agent,
          timeout: 20_000,
          headers: {
            ...headers,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
          );
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error("push proxy gave no answer within 20 s")));
      req.on("error", reject);
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
