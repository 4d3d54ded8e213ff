// GET /api/v1/realtime in the OpenAPI document. The WebSocket itself is served by the gateway role on the HTTP
// server's `upgrade` event (gateway/ws-adapter.ts), which takes every upgrade request to this path before
// Fastify sees it; a plain GET (no Upgrade header) reaches this route: without credentials 401 (as the socket
// answers), else it is told to upgrade (426).
import { Type } from "typebox";
import { errorBody } from "../errors.ts";
import type { App } from "../types.ts";

const DOC = "docs/ARCHITECTURE.md#realtime-protocol-get-apiv1realtime-websocket-json-text-frames";

const PROTOCOL = `WebSocket upgrade (JSON text frames). Authenticate with the session cookie, \`Authorization: Bearer\`,
\`api_access_token\` or \`?access_token=\`; a browser \`Origin\` must match HERALD_PUBLIC_URL or the Host (else 403
before the upgrade; no credentials: 401).

Client → server: \`{t:"hello", deviceId, deviceKind, permission, focused, visible, view, resume?}\` first, then
\`state\`, \`activity\`, \`presence.subscribe\`, \`ping\`. Server → client: \`ready\` (badge, user cursor), \`message\`,
\`message.updated\` / \`message.deleted\`, \`notify\`, \`badge\`, \`read\`, \`presence\`, \`membership\`,
\`ring.start\` / \`ring.stop\`, \`pending.start\` / \`pending.stop\`, \`assigned.unread\`, \`conversation.updated\`, \`conversation.typing\` (no cursor, never replayed), \`pong\`, \`error\`; one write per
event may carry several as \`{t:"multi", events}\`. Messages carry \`alsoInRoom\` like the REST message shape.
Close codes: 4401 signed out, 4429 rate limited, 1009 frame over 64 KiB.

The full protocol (every frame and field, resume, cursors): [docs/ARCHITECTURE.md, "Realtime protocol"](${DOC}) in the
Herald repository.`;

const ErrorShape = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) }),
});

export function realtimeRoutes(app: App): void {
  app.get(
    "/realtime",
    {
      schema: {
        tags: ["realtime"],
        summary: "Realtime gateway (WebSocket upgrade)",
        description: PROTOCOL,
        externalDocs: { description: "Realtime protocol (docs/ARCHITECTURE.md)", url: DOC },
        querystring: Type.Object(
          { access_token: Type.Optional(Type.String({ maxLength: 512 })) },
          { additionalProperties: false },
        ),
        response: {
          426: { description: "Not a WebSocket upgrade request: upgrade to websocket.", ...ErrorShape },
        },
      },
    },
    async (_req, reply) =>
      reply
        .status(426)
        .header("upgrade", "websocket")
        .header("connection", "Upgrade")
        .send(errorBody("upgrade_required", "GET /api/v1/realtime is a WebSocket: send Upgrade: websocket")),
  );
}
