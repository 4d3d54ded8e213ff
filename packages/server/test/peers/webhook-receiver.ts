import http from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook } from "../../src/channels/webhook.ts";

/** A webhook receiver on 127.0.0.1 (port 0) that verifies Herald's signature and answers as scripted. */
export type ReceivedWebhook = {
  /** The request's path (a test may give each target its own). */
  path: string;
  body: string;
  json: unknown;
  headers: http.IncomingHttpHeaders;
  verified: boolean;
  reason?: string;
};
export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  scriptNext(replies: { status: number; retryAfter?: string }[]): void;
  stop(): Promise<void>;
};

export async function startWebhookReceiver(
  secret: string,
  now: () => number = Date.now,
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const script: { status: number; retryAfter?: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const check = verifyWebhook({
        secret,
        body,
        signature: req.headers["x-herald-signature"] as string | undefined,
        timestamp: req.headers["x-herald-timestamp"] as string | undefined,
        nowMs: now(),
      });
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      received.push({
        path: req.url ?? "",
        body,
        json,
        headers: req.headers,
        verified: check.ok,
        ...(check.ok ? {} : { reason: check.reason }),
      });
      const reply = script.shift() ?? { status: check.ok ? 204 : 401 };
      res.writeHead(reply.status, reply.retryAfter ? { "Retry-After": reply.retryAfter } : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    scriptNext: (replies) => void script.push(...replies),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
