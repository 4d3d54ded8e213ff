// The website widget API (SUP-1): contacts authenticate with the inbox key (x-inbox-key) and, after starting a
// conversation, with their contact token (x-contact-token). No user session or token is involved.
import { Type } from "typebox";
import type { Services } from "../../services.ts";
import {
  contactLeave,
  contactMessage,
  contactMessages,
  inboxOf,
  startConversation,
} from "../../support/widget.ts";
import { badRequest } from "../errors.ts";
import { checkText } from "../messages/post.ts";
import type { App } from "../types.ts";
import { EMAIL_RE } from "../users/create.ts";

const strict = { additionalProperties: false } as const;
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, strict);
const tags = ["widget"];
const config = { auth: "none" as const };

const header = (v: string | string[] | undefined): string | undefined =>
  typeof v === "string" ? v : undefined;

export function widgetRoutes(app: App, services: Services): void {
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
          },
          strict,
        ),
      },
      config: { ...config, rate: "post" },
    },
    async (req, reply) => {
      const inbox = await inboxOf(services, header(req.headers["x-inbox-key"]));
      checkText(req.body.text);
      if (req.body.email !== undefined && !EMAIL_RE.test(req.body.email))
        throw badRequest("invalid_email", "not an e-mail address", "email");
      return reply.status(201).send(await startConversation(services, inbox, req.body));
    },
  );

  app.post(
    "/widget/conversations/:id/messages",
    { schema: { tags, params: Params, body: Type.Object({ text: Type.String() }, strict) }, config },
    async (req, reply) => {
      const inbox = await inboxOf(services, header(req.headers["x-inbox-key"]));
      checkText(req.body.text);
      const token = header(req.headers["x-contact-token"]);
      return reply
        .status(201)
        .send(await contactMessage(services, inbox, req.params.id, token, req.body.text));
    },
  );

  app.post("/widget/conversations/:id/leave", { schema: { tags, params: Params }, config }, async (req) => {
    const inbox = await inboxOf(services, header(req.headers["x-inbox-key"]));
    return contactLeave(services, inbox, req.params.id, header(req.headers["x-contact-token"]));
  });

  app.get("/widget/conversations/:id/messages", { schema: { tags, params: Params }, config }, async (req) => {
    const inbox = await inboxOf(services, header(req.headers["x-inbox-key"]));
    return contactMessages(services, inbox, req.params.id, header(req.headers["x-contact-token"]));
  });
}
