// Support console routes (SUP-1 … SUP-7): inboxes (admin creates, adds agents) and conversations (agents of
// the inbox; admins all — GEN-5: anyone else gets 404).
import { Type } from "typebox";
import type { Services } from "../../services.ts";
import {
  agentMessage,
  assign,
  getConversation,
  listConversations,
  pickUp,
  resolve,
} from "../../support/conversations.ts";
import { addInboxAgents, createInbox, listInboxes } from "../../support/inboxes.ts";
import { checkText } from "../messages/post.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";

const strict = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Params = Type.Object({ id: Id }, strict);
const tags = ["support"];

export function supportRoutes(app: App, services: Services): void {
  app.get("/inboxes", { schema: { tags } }, async (req) => listInboxes(services, me(req)));

  app.post(
    "/inboxes",
    {
      schema: {
        tags,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 80 }),
            agentIds: Type.Optional(Type.Array(Id, { maxItems: 500 })),
          },
          strict,
        ),
      },
      config: { auth: "admin" },
    },
    async (req, reply) => reply.status(201).send(await createInbox(services, req.body)),
  );

  app.post(
    "/inboxes/:id/agents",
    {
      schema: {
        tags,
        params: Params,
        body: Type.Object({ userIds: Type.Array(Id, { minItems: 1, maxItems: 500 }) }, strict),
      },
      config: { auth: "admin" },
    },
    async (req) => addInboxAgents(services, req.params.id, req.body.userIds),
  );

  app.get(
    "/conversations",
    {
      schema: {
        tags,
        querystring: Type.Object(
          {
            filter: Type.Optional(
              Type.Union([Type.Literal("mine"), Type.Literal("unassigned"), Type.Literal("all")]),
            ),
            status: Type.Optional(
              Type.Union([Type.Literal("pending"), Type.Literal("open"), Type.Literal("resolved")]),
            ),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          strict,
        ),
      },
    },
    async (req) =>
      listConversations(
        services,
        me(req),
        req.query.filter ?? "all",
        req.query.status,
        req.query.limit ?? 50,
      ),
  );

  app.get("/conversations/:id", { schema: { tags, params: Params } }, async (req) =>
    getConversation(services, me(req), req.params.id),
  );

  app.post("/conversations/:id/pickup", { schema: { tags, params: Params } }, async (req) =>
    pickUp(services, me(req), req.params.id),
  );

  app.post(
    "/conversations/:id/assign",
    { schema: { tags, params: Params, body: Type.Object({ userId: Id }, strict) } },
    async (req) => assign(services, me(req), req.params.id, req.body.userId),
  );

  app.post("/conversations/:id/resolve", { schema: { tags, params: Params } }, async (req) =>
    resolve(services, me(req), req.params.id),
  );

  app.post(
    "/conversations/:id/messages",
    {
      schema: {
        tags,
        params: Params,
        body: Type.Object({ text: Type.String(), private: Type.Optional(Type.Boolean()) }, strict),
      },
      config: { rate: "post" },
    },
    async (req, reply) => {
      checkText(req.body.text);
      const r = await agentMessage(
        services,
        me(req),
        req.params.id,
        req.body.text,
        req.body.private === true,
      );
      return reply.status(201).send(r);
    },
  );
}
