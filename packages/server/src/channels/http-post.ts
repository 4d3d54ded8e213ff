import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import {
  type DestinationPolicy,
  guardedLookup,
  RefusedDestinationError,
  refusedAddress,
} from "./destinations.ts";

/**
 * A small POST client over node:http/https with keep-alive agents. Web Push and webhooks send thousands of
 * small requests to a handful of origins, so reusing TCP/TLS connections is what makes 1,000+/s possible.
 * (web-push's own sendNotification opens https only and takes no http:// endpoints, which our local peers use.)
 */
export type PostResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export type HttpPoster = {
  post(url: string, headers: Record<string, string | number>, body: Buffer | null): Promise<PostResponse>;
  close(): void;
};

export type HttpPosterOptions = {
  maxSockets?: number;
  timeoutMs?: number;
  /** When set, only addresses this policy allows are connected to (webhooks: see destinations.ts). */
  destinations?: DestinationPolicy;
};

export function createHttpPoster(options: HttpPosterOptions = {}): HttpPoster {
  const maxSockets = options.maxSockets ?? 64;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const policy = options.destinations;
  // Every connection the agents open resolves through the guard, so each resolved address is judged.
  const lookup = policy ? guardedLookup(policy) : undefined;
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets, ...(lookup ? { lookup } : {}) });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets, ...(lookup ? { lookup } : {}) });
  return {
    post(url, headers, body) {
      const target = new URL(url);
      const secure = target.protocol === "https:";
      const request = secure ? https.request : http.request;
      // Node connects to an address literal without calling lookup: judge it here.
      const literal = target.hostname.replace(/^\[|\]$/g, "");
      const refused = policy && isIP(literal) ? refusedAddress(literal, policy) : null;
      if (refused) return Promise.reject(new RefusedDestinationError(refused));
      return new Promise<PostResponse>((resolve, reject) => {
        const req = request(
          target,
          {
            method: "POST",
            headers,
            agent: secure ? httpsAgent : httpAgent,
            timeout: timeoutMs,
            ...(lookup ? { lookup } : {}),
          },
          (res) => readResponse(res, resolve, reject),
        );
        req.on("timeout", () =>
          req.destroy(Object.assign(new Error("request timeout"), { code: "ETIMEDOUT" })),
        );
        req.on("error", reject);
        req.end(body ?? undefined);
      });
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/** Response bodies of push services are short error texts; keep at most 4 KiB of them. */
function readResponse(
  res: http.IncomingMessage,
  resolve: (r: PostResponse) => void,
  reject: (e: Error) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on("data", (chunk: Buffer) => {
    if (size < 4096) chunks.push(chunk);
    size += chunk.length;
  });
  res.on("end", () =>
    resolve({
      status: res.statusCode ?? 0,
      headers: res.headers,
      body: Buffer.concat(chunks).toString("utf8").slice(0, 4096),
    }),
  );
  res.on("error", reject);
}
