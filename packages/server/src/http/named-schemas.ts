// Pieces of the response schemas of the support, widget, calls, push, email and admin-delivery routes.
// Their named schemas (an $id: "SupportConversation", "Call"…) are written inline in each route's schema:
// @fastify/swagger lists each once under components.schemas, so the generated client has one type per name.
// Inline rather than added with addSchema, so each route module keeps its schemas to itself. One answer may
// hold each $id once only: fast-json-stringify refuses a second copy.
import type { TSchema } from "typebox";
import { Type } from "typebox";

/** Milliseconds since the epoch, as every answer gives times. */
export const Time = Type.Integer({ description: "milliseconds since the epoch" });

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** The answer of an action with nothing else to say. */
export const Ok = Type.Object({ ok: Type.Boolean({ description: "always true" }) });
