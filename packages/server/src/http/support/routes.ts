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
import {
  addInboxAgents,
  createInbox,
  listInboxes,
  rejectionText,
  removeInboxAgent,
  rotateInboxKey,
} from "../../support/inboxes.ts";
import { ErrorSchema } from "../errors.ts";
import { checkText } from "../messages/post.ts";
import { Time } from "../named-schemas.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";
import { consoleRoutes } from "./console-routes.ts";
import {
  ConversationDetailSchema,
  ConversationMessageSchema,
  ConversationSchema,
  ConversationSummarySchema,
  InboxAgentsSchema,
  InboxSchema,
} from "./schemas.ts";

const strict = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Params = Type.Object({ id: Id }, strict);
const tags = ["support"];
const Rejected = Type.Array(
  Type.Object({
    userId: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
    code: Type.Union([Type.Literal("user_not_found"), Type.Literal("not_an_agent")]),
    reason: Type.String(),
  }),
);
const AddedAgents = Type.Object({
  ...InboxAgentsSchema.properties,
  added: Type.Array(Type.String()),
  rejected: Rejected,
});
/** Any 400 of the route; one that rejected some of the users also says who was added and who was not. */
const AddAgentsError = Type.Object({
  error: ErrorSchema.properties.error,
  inboxId: Type.Optional(Type.String()),
  agentIds: Type.Optional(Type.Array(Type.String())),
  added: Type.Optional(Type.Array(Type.String())),
  rejected: Type.Optional(Rejected),
});
const OneConversation = Type.Object({ conversation: ConversationSchema });

export function supportRoutes(app: App, services: Services): void {
  app.get(
    "/inboxes",
    { schema: { tags, response: { 200: Type.Object({ inboxes: Type.Array(InboxSchema) }) } } },
    async (req) => listInboxes(services, me(req)),
  );

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
        response: {
          201: Type.Object({
            inbox: InboxSchema,
            key: Type.String({ description: "the widget key, for the embed snippet" }),
          }),
        },
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
        // With a rejected one the answer is a 400 that carries the same fields beside the error.
        response: {
          200: AddedAgents,
          400: AddAgentsError,
        },
      },
      config: { auth: "admin" },
    },
    async (req, reply) => {
      const r = await addInboxAgents(services, req.params.id, req.body.userIds);
      if (!r.rejected.length) return r;
      // The valid ones are added; the answer still fails so the admin sees who was not, by name.
      const code = r.rejected.some((x) => x.code === "not_an_agent") ? "not_an_agent" : "user_not_found";
      const message = `${rejectionText(r.rejected)}${r.added.length ? ` ${r.added.length} added.` : ""}`;
      return reply.status(400).send({ error: { code, message, field: "userIds" }, ...r });
    },
  );

  app.delete(
    "/inboxes/:id/agents/:userId",
    {
      schema: {
        tags,
        params: Type.Object({ id: Id, userId: Id }, strict),
        response: { 200: InboxAgentsSchema },
      },
      config: { auth: "admin" },
    },
    async (req) => removeInboxAgent(services, req.params.id, req.params.userId),
  );

  app.post(
    "/inboxes/:id/key",
    {
      schema: {
        tags,
        params: Params,
        response: {
          200: Type.Object({ inboxId: Type.String(), key: Type.String(), keyPrefix: Type.String() }),
        },
      },
      config: { auth: "admin" },
    },
    async (req) => rotateInboxKey(services, req.params.id),
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
        response: { 200: Type.Object({ conversations: Type.Array(ConversationSummarySchema) }) },
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

  app.get(
    "/conversations/:id",
    {
      schema: {
        tags,
        params: Params,
        response: {
          200: Type.Object({
            conversation: ConversationDetailSchema,
            messages: Type.Array(ConversationMessageSchema),
          }),
        },
      },
    },
    async (req) => getConversation(services, me(req), req.params.id),
  );

  app.post(
    "/conversations/:id/pickup",
    { schema: { tags, params: Params, response: { 200: OneConversation } } },
    async (req) => pickUp(services, me(req), req.params.id),
  );

  app.post(
    "/conversations/:id/assign",
    {
      schema: {
        tags,
        params: Params,
        body: Type.Object({ userId: Id }, strict),
        response: { 200: OneConversation },
      },
    },
    async (req) => assign(services, me(req), req.params.id, req.body.userId),
  );

  app.post(
    "/conversations/:id/resolve",
    { schema: { tags, params: Params, response: { 200: OneConversation } } },
    async (req) => resolve(services, me(req), req.params.id),
  );

  app.post(
    "/conversations/:id/messages",
    {
      schema: {
        tags,
        params: Params,
        body: Type.Object({ text: Type.String(), private: Type.Optional(Type.Boolean()) }, strict),
        response: {
          201: Type.Object({
            message: Type.Object({
              id: Type.String(),
              seq: Type.Integer(),
              private: Type.Boolean(),
              createdAt: Time,
            }),
          }),
        },
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

  consoleRoutes(app, services);
}
