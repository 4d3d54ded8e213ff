// Support console routes around a conversation: Reopen, the contact panel, typing, and canned replies
// (admins keep them; agents list them for the composer's `/shortcut`). GEN-5 as the other console routes:
// a conversation outside the caller's inboxes is 404.
import { Type } from "typebox";
import type { Services } from "../../services.ts";
import { createCanned, deleteCanned, listCanned, updateCanned } from "../../support/canned.ts";
import { reopen } from "../../support/conversations.ts";
import { contactDetails } from "../../support/details.ts";
import { agentTypes } from "../../support/typing.ts";
import { Ok } from "../named-schemas.ts";
import { consumeOr429 } from "../rate-limit.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";
import { CannedReplySchema, ContactDetailsSchema, ConversationSchema } from "./schemas.ts";

const strict = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Params = Type.Object({ id: Id }, strict);
const tags = ["support"];
const Shortcut = Type.String({ minLength: 1, maxLength: 40 });
const OneCanned = Type.Object({ cannedReply: CannedReplySchema });

export function consoleRoutes(app: App, services: Services): void {
  // Clients send one typing signal every 3 s at most; this leaves room for a few tabs.
  const typing = services.limiter.limiter("typing", { points: 60, duration: 60 });

  app.post(
    "/conversations/:id/reopen",
    {
      schema: {
        tags,
        params: Params,
        response: { 200: Type.Object({ conversation: ConversationSchema }) },
      },
    },
    async (req) => reopen(services, me(req), req.params.id),
  );

  app.get(
    "/conversations/:id/contact",
    { schema: { tags, params: Params, response: { 200: ContactDetailsSchema } } },
    async (req) => contactDetails(services, me(req), req.params.id),
  );

  app.post(
    "/conversations/:id/typing",
    {
      schema: {
        tags,
        params: Params,
        body: Type.Object({ typing: Type.Boolean() }, strict),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await consumeOr429(typing, `user:${me(req).userId}`);
      return agentTypes(services, me(req), req.params.id, req.body.typing);
    },
  );

  app.get(
    "/canned-replies",
    {
      schema: {
        tags,
        response: { 200: Type.Object({ cannedReplies: Type.Array(CannedReplySchema) }) },
      },
    },
    async (req) => listCanned(services, me(req)),
  );

  app.post(
    "/canned-replies",
    {
      schema: {
        tags,
        body: Type.Object({ shortcut: Shortcut, text: Type.String() }, strict),
        response: { 201: OneCanned },
      },
      config: { auth: "admin" },
    },
    async (req, reply) => reply.status(201).send(await createCanned(services, req.body)),
  );

  app.patch(
    "/canned-replies/:id",
    {
      schema: {
        tags,
        params: Params,
        body: Type.Object(
          { shortcut: Type.Optional(Shortcut), text: Type.Optional(Type.String()) },
          { ...strict, minProperties: 1 },
        ),
        response: { 200: OneCanned },
      },
      config: { auth: "admin" },
    },
    async (req) => updateCanned(services, req.params.id, req.body),
  );

  app.delete(
    "/canned-replies/:id",
    {
      schema: { tags, params: Params, response: { 204: Type.Null({ description: "deleted" }) } },
      config: { auth: "admin" },
    },
    async (req, reply) => {
      await deleteCanned(services, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
