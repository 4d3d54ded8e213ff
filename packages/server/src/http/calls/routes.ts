// Calls (CAL-1, CAL-2): start in a dm/gdm, answer, decline, hang up.
import { Type } from "typebox";
import { answerOrDecline, hangUp } from "../../calls/actions.ts";
import { startCall } from "../../calls/service.ts";
import type { Services } from "../../services.ts";
import { Nullable, Time } from "../named-schemas.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";

const Params = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const tags = ["calls"];

export const CallSchema = Type.Object(
  {
    id: Type.String(),
    roomId: Type.String(),
    callerId: Type.String(),
    state: Type.Union([Type.Literal("ringing"), Type.Literal("ongoing"), Type.Literal("ended")]),
    startedAt: Time,
    answeredAt: Nullable(Time),
    endedAt: Nullable(Time),
    members: Type.Array(
      Type.Object({
        userId: Type.String(),
        state: Type.String({
          description: "this member's part: ringing, answered, declined, missed or left",
        }),
      }),
    ),
  },
  { $id: "Call" },
);
const OneCall = Type.Object({ call: CallSchema });

export function callRoutes(app: App, services: Services): void {
  app.post(
    "/rooms/:id/calls",
    { schema: { tags, params: Params, response: { 201: OneCall } }, config: { rate: "post" } },
    async (req, reply) => reply.status(201).send(await startCall(services, me(req), req.params.id)),
  );
  app.post(
    "/calls/:id/answer",
    { schema: { tags, params: Params, response: { 200: OneCall } } },
    async (req) => answerOrDecline(services, me(req), req.params.id, "answer"),
  );
  app.post(
    "/calls/:id/decline",
    { schema: { tags, params: Params, response: { 200: OneCall } } },
    async (req) => answerOrDecline(services, me(req), req.params.id, "decline"),
  );
  app.post("/calls/:id/end", { schema: { tags, params: Params, response: { 200: OneCall } } }, async (req) =>
    hangUp(services, me(req), req.params.id),
  );
}
