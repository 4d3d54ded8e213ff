// The website widget API (SUP-1): contacts authenticate with the inbox key (x-inbox-key) and, after starting a
// conversation, with their contact token (x-contact-token). No user session or token is involved.
// The inbox key is public (it sits in the customer's page), so every write is rate limited here (GEN-6): new
// conversations per address and per contact an hour, messages per address and per contact a minute, and a
// contact may have only a few conversations waiting or open at once. Each new conversation rings the inbox's
// agents once (SUP-3); a contact message that reopens a resolved one rings again, so it counts as a new one.
import { Type } from "typebox";
import { sha256 } from "../../ids.ts";
import type { Services } from "../../services.ts";
import { checkPage } from "../../support/details.ts";
import { agentTypingIn, contactTypes } from "../../support/typing.ts";
import {
  contactLeave,
  contactMessage,
  contactMessages,
  inboxOf,
  knownContact,
  startConversation,
} from "../../support/widget.ts";
import { AppError, badRequest } from "../errors.ts";
import { checkText } from "../messages/post.ts";
import { Ok } from "../named-schemas.ts";
import { consumeOr429 } from "../rate-limit.ts";
import { ConversationSchema } from "../support/schemas.ts";
import type { App } from "../types.ts";
import { EMAIL_RE } from "../users/create.ts";
import { widgetContactRoutes } from "./contact-routes.ts";
import { ContactMessageSchema, StartedSchema, WidgetThreadSchema } from "./schemas.ts";

const strict = { additionalProperties: false } as const;
const OneConversation = Type.Object({ conversation: ConversationSchema });
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, strict);
const tags = ["widget"];
const route = { auth: "none" as const };
/** Where the contact writes from (the embed passes the host page; the console's contact panel lists them). */
const Page = Type.Optional(
  Type.Object(
    {
      url: Type.String({ minLength: 1, maxLength: 2000 }),
      referrer: Type.Optional(Type.String({ maxLength: 2000 })),
    },
    strict,
  ),
);

const header = (v: string | string[] | undefined): string | undefined =>
  typeof v === "string" ? v : undefined;

export function widgetRoutes(app: App, services: Services): void {
  widgetContactRoutes(app, services);
  const { config, limiter } = services;
  const conversations = limiter.limiter("widget-conversations", {
    points: config.rateWidgetConversationsPerHour,
    duration: 3600,
  });
  const messages = limiter.limiter("widget-messages", {
    points: config.rateWidgetMessagesPerMin,
    duration: 60,
  });
  /** Counts against the address and, when the contact is known, its token. */
  const count = async (l: typeof messages, ip: string, token: string | undefined) => {
    await consumeOr429(l, `addr:${ip}`);
    if (token) await consumeOr429(l, `contact:${sha256(token)}`);
  };

  app.post(
    "/widget/conversations",
    {
      schema: {
        tags,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 80 }),
            email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
            text: Type.String(),
            page: Page,
          },
          strict,
        ),
        response: { 201: StartedSchema },
      },
      config: route,
    },
    async (req, reply) => {
      const inbox = await inboxOf(services, header(req.headers["x-inbox-key"]));
      checkText(req.body.text);
      const page = checkPage(req.body.page);
      if (req.body.email !== undefined && !EMAIL_RE.test(req.body.email))
        throw badRequest("invalid_email", "not an e-mail address", "email");
      // A returning contact (its token from an earlier conversation) keeps its identity, within its cap.
      const token = header(req.headers["x-contact-token"]);
      const known = token ? await knownContact(services, inbox, token) : null;
      if (token && !known) throw new AppError(401, "invalid_contact_token", "unknown x-contact-token");
      if (known && known.open >= config.widgetOpenPerContact)
        throw new AppError(
          409,
          "too_many_open_conversations",
          `a contact may have at most ${config.widgetOpenPerContact} conversations waiting or open`,
        );
      await count(conversations, req.ip, token);
      await count(messages, req.ip, token);
      const contact = known && token ? { id: known.id, token } : undefined;
      const started = await startConversation(services, inbox, { ...req.body, page }, contact);
      // A new contact's first message counts against its token too, as the rest of its messages will.
      if (!contact) await messages.consume(`contact:${sha256(started.contactToken)}`);
      return reply.status(201).send(started);
    },
  );

  app.post(
    "/widget/conversations/:id/messages",
    {
      schema: {
        tags,
        params: Params,
        body: Type.Object({ text: Type.String(), page: Page }, strict),
        response: { 201: ContactMessageSchema },
      },
      config: route,
    },
    async (req, reply) => {
      const inbox = await inboxOf(services, header(req.headers["x-inbox-key"]));
      checkText(req.body.text);
      const page = checkPage(req.body.page);
      const token = header(req.headers["x-contact-token"]);
      await count(messages, req.ip, token);
      const reopen = () => count(conversations, req.ip, token);
      return reply
        .status(201)
        .send(await contactMessage(services, inbox, req.params.id, token, req.body.text, reopen, page));
    },
  );

  app.post(
    "/widget/conversations/:id/leave",
    { schema: { tags, params: Params, response: { 200: OneConversation } }, config: route },
    async (req) => {
      const inbox = await inboxOf(services, header(req.headers["x-inbox-key"]));
      return contactLeave(services, inbox, req.params.id, header(req.headers["x-contact-token"]));
    },
  );

  app.get(
    "/widget/conversations/:id/messages",
    { schema: { tags, params: Params, response: { 200: WidgetThreadSchema } }, config: route },
    async (req) => {
      const inbox = await inboxOf(services, header(req.headers["x-inbox-key"]));
      const r = await contactMessages(services, inbox, req.params.id, header(req.headers["x-contact-token"]));
      // The poll carries who of the agents types now (never stored; see support/typing.ts).
      return { ...r, agentTyping: await agentTypingIn(services, req.params.id) };
    },
  );

  // The contact types (at most one signal every 3 s while typing, and one stop): the inbox's agents see it.
  const typing = limiter.limiter("widget-typing", { points: 60, duration: 60 });
  app.post(
    "/widget/conversations/:id/typing",
    {
      schema: {
        tags,
        params: Params,
        body: Type.Object({ typing: Type.Boolean() }, strict),
        response: { 200: Ok },
      },
      config: route,
    },
    async (req) => {
      const inbox = await inboxOf(services, header(req.headers["x-inbox-key"]));
      const token = header(req.headers["x-contact-token"]);
      await consumeOr429(typing, `addr:${req.ip}`);
      return contactTypes(services, inbox, req.params.id, token, req.body.typing);
    },
  );
}
