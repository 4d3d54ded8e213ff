// Wires real WebSockets (`ws`, noServer) to the gateway core on the HTTP server's `upgrade` event at
// /api/v1/realtime: authenticates by session cookie or token, checks Origin against the public URL / same
// host, caps frames at 64 KiB (ws answers 1009 past it) and hands text frames to the session.
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import type { Gateway } from "./gateway.ts";
import type { Authenticator, AuthResult, ClientSocket } from "./ports.ts";

export const REALTIME_PATH = "/api/v1/realtime";

export interface WsAdapterOptions {
  gateway: Gateway;
  authenticate: Authenticator;
  /** Configured public URL; browsers must come from its origin (or the request's own host). */
  publicUrl?: string;
  maxFrameBytes?: number;
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Browsers always send Origin; other clients (with a token) may not. */
export function originAllowed(req: IncomingMessage, publicUrl: string | undefined): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  if (publicUrl && new URL(publicUrl).host === host) return true;
  return host === req.headers.host;
}

function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) return auth.slice(7);
  const header = req.headers.api_access_token;
  if (typeof header === "string") return header;
  return url.searchParams.get("access_token") ?? undefined;
}

/** How long a stopping node waits for clients to answer its close before it drops their sockets. */
const CLOSE_GRACE_MS = 2_000;

export function attachRealtime(
  server: Server,
  options: WsAdapterOptions,
): { close(graceMs?: number): Promise<void>; reconnectAll(): void } {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxFrameBytes ?? 65_536,
    perMessageDeflate: false,
  });
  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== REALTIME_PATH) return; // another upgrade handler may own it
    if (!originAllowed(req, options.publicUrl)) return reject(socket, 403, "Forbidden");
    const authenticatedAt = options.gateway.o.clock.now();
    const found = await options
      .authenticate({ cookie: req.headers.cookie, token: tokenOf(req, url) })
      .catch(() => null);
    if (!found) return reject(socket, 401, "Unauthorized");
    const auth = { ...found, authenticatedAt };
    wss.handleUpgrade(req, socket, head, (ws) => bind(ws, options.gateway, auth));
  };
  server.on("upgrade", onUpgrade);
  return {
    // 1012 "service restart": the SDK reconnects at once (with backoff) and resumes from its cursors (GEN-7).
    reconnectAll: () => {
      for (const ws of wss.clients) ws.close(1012, "service restart");
    },
    close: async (graceMs = CLOSE_GRACE_MS) => {
      server.off("upgrade", onUpgrade);
      // 1001 "going away": the SDK reconnects (with resume, GEN-7), and the load balancer sends it to a node
      // that is still up. Clients that do not answer the close within the grace are dropped.
      const open = [...wss.clients];
      const answered = Promise.all(
        open.map(
          (ws) =>
            new Promise<void>((r) =>
              ws.readyState === WebSocket.CLOSED ? r() : ws.once("close", () => r()),
            ),
        ),
      );
      for (const ws of open) ws.close(1001, "going away");
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((r) => {
        timer = setTimeout(r, graceMs);
      });
      await Promise.race([answered, grace]);
      clearTimeout(timer);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}

function bind(ws: WebSocket, gateway: Gateway, auth: AuthResult): void {
  const socket: ClientSocket = {
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    isOpen: () => ws.readyState === WebSocket.OPEN,
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
  const session = gateway.connect(socket, auth);
  ws.on("message", (data, isBinary) => {
    if (isBinary) return ws.close(1003, "text frames only");
    session.onMessage(data.toString());
  });
  ws.on("close", () => session.onClose());
  ws.on("error", () => ws.terminate());
}
