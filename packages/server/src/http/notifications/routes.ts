// The in-app inbox routes (GEN-1). Explain (GET /notifications/explain) lives in http/explain.
import { Type } from "typebox";
import type { Services } from "../../services.ts";
import { OkAnswer } from "../schemas/ref.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";
import { installInboxHook } from "./items.ts";
import { InboxPage, ReadAnswer, SnoozeAnswer, UnreadAnswer } from "./schemas.ts";
import { inboxUnread, listInbox, markItemRead, readAllItems, snoozeItem } from "./service.ts";

const strict = { additionalProperties: false } as const;
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }, strict);
const tags = ["notifications"];

export function notificationRoutes(app: App, services: Services): void {
  installInboxHook(services);

  app.get(
    "/notifications",
    {
      schema: {
        tags,
        querystring: Type.Object(
          {
            cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            /** Only one kind of item: mentions (personal, keyword, @all/@here), threads, support, calls. */
            filter: Type.Optional(
              Type.Union([
                Type.Literal("mentions"),
                Type.Literal("threads"),
                Type.Literal("support"),
                Type.Literal("calls"),
              ]),
            ),
          },
          strict,
        ),
        response: { 200: InboxPage },
      },
    },
    async (req) =>
      listInbox(
        services,
        me(req).userId,
        req.query.limit ?? 30,
        req.query.cursor ?? null,
        req.query.filter ?? null,
      ),
  );

  app.get(
    "/notifications/unread-count",
    { schema: { tags, response: { 200: UnreadAnswer } } },
    async (req) => ({
      unread: await inboxUnread(services, me(req).userId),
    }),
  );

  app.post("/notifications/read-all", { schema: { tags, response: { 200: OkAnswer } } }, async (req) =>
    readAllItems(services, me(req).userId),
  );

  const readSchema = { tags, params: Params, response: { 200: ReadAnswer } };
  app.post("/notifications/:id/read", { schema: readSchema }, async (req) =>
    markItemRead(services, me(req).userId, req.params.id),
  );

  app.post(
    "/notifications/:id/snooze",
    {
      schema: {
        tags,
        params: Params,
        body: Type.Object({ until: Type.Integer({ minimum: 0, maximum: 8_640_000_000_000_000 }) }, strict),
        response: { 200: SnoozeAnswer },
      },
    },
    async (req) => snoozeItem(services, me(req).userId, req.params.id, req.body.until),
  );
}
