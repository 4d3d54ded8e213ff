// The request validator skips TypeBox's Value.Convert only where it could convert nothing (http/validator.ts):
// its answers must be the plugin's own, for string-only parts and for parts that do convert.
import assert from "node:assert/strict";
import { test } from "node:test";
import { TypeBoxValidatorCompiler } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { heraldValidatorCompiler, onlyStrings } from "../../src/http/validator.ts";

type Args = Parameters<typeof TypeBoxValidatorCompiler>[0];
const args = (schema: unknown, httpPart: string) => ({ schema, httpPart, method: "GET", url: "/x" }) as Args;

/** Valid or not, and the converted value when valid: what Fastify takes from a validator. */
function answer(fn: ReturnType<typeof TypeBoxValidatorCompiler>, value: unknown) {
  const r = fn(value) as { value?: unknown; error?: unknown };
  return r.error ? { valid: false } : { valid: true, value: r.value };
}

test("string-only params and querystrings skip conversion; anything else is converted", () => {
  assert.equal(onlyStrings(Type.Object({ id: Type.String({ maxLength: 64 }) })), true);
  assert.equal(onlyStrings(Type.Object({ q: Type.Optional(Type.String()) })), true);
  assert.equal(onlyStrings(Type.Object({ limit: Type.Integer() })), false);
  assert.equal(onlyStrings(Type.Object({ on: Type.Union([Type.String(), Type.Boolean()]) })), false);
  assert.equal(onlyStrings(Type.String()), false);
});

test("the validator answers as the plugin's compiler does, for every part and value", () => {
  const schemas = [
    Type.Object({ id: Type.String({ minLength: 1, maxLength: 5 }) }),
    Type.Object({ q: Type.Optional(Type.String()) }, { additionalProperties: false }),
    Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1 })) }),
  ];
  const values: unknown[] = [
    { id: "abc" },
    { id: "" },
    { id: "toolong" },
    { q: "x" },
    { q: "x", z: "1" },
    {},
  ];
  values.push({ limit: "5" }, { limit: "0" }, { limit: "x" }, { id: ["a", "b"] });
  for (const schema of schemas)
    for (const part of ["params", "querystring", "headers", "body"]) {
      const ours = heraldValidatorCompiler(args(schema, part));
      const theirs = TypeBoxValidatorCompiler(args(schema, part));
      for (const v of values)
        assert.deepEqual(answer(ours, v), answer(theirs, v), `${part} ${JSON.stringify(v)}`);
    }
});
