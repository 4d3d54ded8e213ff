// Named response schemas: each is added once to the app (registry.ts) and routes point at it with ref(), so
// the OpenAPI document lists it under components.schemas by its $id and a generated client gets one type per
// name. A schema with an $id written inline twice in one answer would make the serializer refuse to build.
import type { Static, TSchema } from "typebox";
import { Type } from "typebox";

/** A pointer to a named schema, typed as the schema itself so handlers are checked against it. */
export function ref<T extends TSchema & { $id?: string }>(schema: T) {
  if (!schema.$id) throw new Error("ref() needs a schema with an $id");
  return Type.Unsafe<Static<T>>(Type.Ref(schema.$id));
}

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const Time = Type.Integer({ description: "milliseconds since the epoch" });

/** The answer of an action with nothing else to say. */
export const OkAnswer = Type.Object({ ok: Type.Boolean({ description: "always true" }) });
