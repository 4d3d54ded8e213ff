// The widget's status line, what the open widget has shown (for the offline contact email), the contact's
// address for replies, and each inbox's widget settings (admins): the website origins allowed to frame the
// widget page and the offline email delay.
import { Type } from "typebox";
import type { Services } from "../../services.ts";
import { inboxOf } from "../../support/widget.ts";
import {
  inboxWidget,
  markSeen,
  setContactEmail,
  updateInboxWidget,
  widgetStatus,
} from "../../support/widget-contact.ts";
import { badRequest } from "../errors.ts";
import { consumeOr429 } from "../rate-limit.ts";
import { WidgetSettingsSchema } from "../support/schemas.ts";
import type { App } from "../types.ts";
import { EMAIL_RE } from "../users/create.ts";

const strict = { additionalProperties: false } as const;
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, strict);
const header = (v: string | string[] | undefined): string | undefined =>
  typeof v === "string" ? v : undefined;
const contact = { auth: "none" as const };

const Settings = WidgetSettingsSchema;

export function widgetContactRoutes(app: App, services: Services): void {
  // An address left here is mailed agents' replies: changing it is limited like writing a message (GEN-6).
  const emails = services.limiter.limiter("widget-email", {
    points: services.config.rateWidgetMessagesPerMin,
    duration: 60,
  });
  app.get(
    "/widget/status",
    {
      schema: {
        tags: ["widget"],
        response: {
          200: Type.Object({ online: Type.Boolean(), text: Type.String(), inboxName: Type.String() }),
        },
      },
      config: contact,
    },
    async (req) => widgetStatus(services, await inboxOf(services, header(req.headers["x-inbox-key"]))),
  );

  app.post(
    "/widget/conversations/:id/seen",
    {
      schema: {
        tags: ["widget"],
        params: Params,
        body: Type.Optional(
          Type.Object({ through: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 })) }, strict),
        ),
        response: { 200: Type.Object({ seenSeq: Type.Integer() }) },
      },
      config: contact,
    },
    async (req) => {
      const inbox = await inboxOf(services, header(req.headers["x-inbox-key"]));
      const token = header(req.headers["x-contact-token"]);
      return markSeen(services, inbox, req.params.id, token, req.body?.through);
    },
  );

  app.put(
    "/widget/conversations/:id/email",
    {
      schema: {
        tags: ["widget"],
        params: Params,
        body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }) }, strict),
        response: { 200: Type.Object({ email: Type.String() }) },
      },
      config: contact,
    },
    async (req) => {
      const inbox = await inboxOf(services, header(req.headers["x-inbox-key"]));
      const email = req.body.email.trim();
      if (!EMAIL_RE.test(email)) throw badRequest("invalid_email", "not an e-mail address", "email");
      const token = header(req.headers["x-contact-token"]);
      await consumeOr429(emails, `addr:${req.ip}`);
      return setContactEmail(services, inbox, req.params.id, token, email);
    },
  );

  app.get(
    "/inboxes/:id/widget",
    { schema: { tags: ["support"], params: Params, response: { 200: Settings } }, config: { auth: "admin" } },
    async (req) => inboxWidget(services, req.params.id),
  );

  app.patch(
    "/inboxes/:id/widget",
    {
      schema: {
        tags: ["support"],
        params: Params,
        body: Type.Object(
          {
            origins: Type.Optional(
              Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 50 }),
            ),
            offlineEmailMinutes: Type.Optional(
              Type.Union([Type.Integer({ minimum: 1, maximum: 10_080 }), Type.Null()]),
            ),
          },
          strict,
        ),
        response: { 200: Settings },
      },
      config: { auth: "admin" },
    },
    async (req) => updateInboxWidget(services, req.params.id, req.body),
  );
}
