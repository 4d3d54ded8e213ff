// Calls (CAL-1, CAL-2): start in a dm/gdm, answer, decline, hang up.
import { Type } from "typebox";
import { answerOrDecline, hangUp } from "../../calls/actions.ts";
import { startCall } from "../../calls/service.ts";
import type { Services } from "../../services.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";

const Params = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const tags = ["calls"];

export function callRoutes(app: App, services: Services): void {
  app.post(
    "/rooms/:id/calls",
    { schema: { tags, params: Params }, config: { rate: "post" } },
    async (req, reply) => reply.status(201).send(await startCall(services, me(req), req.params.id)),
  );
  app.post("/calls/:id/answer", { schema: { tags, params: Params } }, async (req) =>
    answerOrDecline(services, me(req), req.params.id, "answer"),
  );
  app.post("/calls/:id/decline", { schema: { tags, params: Params } }, async (req) =>
    answerOrDecline(services, me(req), req.params.id, "decline"),
  );
  app.post("/calls/:id/end", { schema: { tags, params: Params } }, async (req) =>
    hangUp(services, me(req), req.params.id),
  );
}
