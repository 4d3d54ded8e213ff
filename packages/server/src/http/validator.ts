// Request validation: @fastify/type-provider-typebox's compiler, which runs TypeBox's Value.Convert on params,
// querystring and headers before checking them (so "?limit=5" becomes the number 5). Convert walks and copies
// the value on every request even where it has nothing to convert: a route's `:id` params are all strings, and
// that walk was a visible share of a message post's CPU. For a part whose every property is a plain string
// Convert returns the same values, so the compiled check runs on the value directly; every other part (and
// every body: the plugin never converts bodies) goes through the plugin's compiler unchanged.
import { TypeBoxValidatorCompiler } from "@fastify/type-provider-typebox";
import { Compile } from "typebox/compile";

type CompilerArgs = Parameters<typeof TypeBoxValidatorCompiler>[0];

interface JsonSchema {
  type?: unknown;
  properties?: Record<string, JsonSchema>;
  anyOf?: unknown;
  oneOf?: unknown;
  allOf?: unknown;
}

/** An object schema whose properties are all plain strings (no union, no other type): nothing to convert. */
export function onlyStrings(schema: unknown): boolean {
  const s = schema as JsonSchema;
  if (s?.type !== "object" || !s.properties || s.anyOf || s.oneOf || s.allOf) return false;
  return Object.values(s.properties).every((p) => p.type === "string" && !p.anyOf && !p.oneOf && !p.allOf);
}

export function heraldValidatorCompiler(args: CompilerArgs): ReturnType<typeof TypeBoxValidatorCompiler> {
  if (args.httpPart === "body" || !onlyStrings(args.schema)) return TypeBoxValidatorCompiler(args);
  const check = Compile(args.schema);
  return (value: unknown) => (check.Check(value) ? { value } : { error: check.Errors(value) });
}
