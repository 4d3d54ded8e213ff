// Turns every error into { error: { code, message, field? } } with a 4xx for client mistakes (GEN-4);
// only unexpected failures answer 500, and their details stay in the log.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { AppError, errorBody } from "./errors.ts";
import type { App } from "./types.ts";

interface SchemaIssue {
  keyword?: string;
  schemaPath?: string;
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

function fieldOf(issue: SchemaIssue): string | undefined {
  const base = (issue.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
  const p = issue.params ?? {};
  const extra =
    (Array.isArray(p.requiredProperties) && p.requiredProperties[0]) ||
    (Array.isArray(p.additionalProperties) && p.additionalProperties[0]) ||
    (typeof p.missingProperty === "string" && p.missingProperty) ||
    (typeof p.additionalProperty === "string" && p.additionalProperty) ||
    "";
  const joined = [base, String(extra)].filter(Boolean).join(".");
  return joined || undefined;
}

function isUnknownField(issue: SchemaIssue): boolean {
  return (
    issue.keyword === "additionalProperties" ||
    (issue.keyword === "boolean" && (issue.schemaPath ?? "").endsWith("/additionalProperties"))
  );
}

/** The most telling issue first: an unknown field, then a missing one, then the first reported. */
function pickIssue(issues: SchemaIssue[]): SchemaIssue {
  return issues.find(isUnknownField) ?? issues.find((i) => i.keyword === "required") ?? issues[0] ?? {};
}

function codeOf(issue: SchemaIssue): string {
  if (isUnknownField(issue)) return "unknown_field";
  if (issue.keyword === "required") return "missing_field";
  return "invalid_field";
}

/**
 * A readable message. A union of literals (TypeBox's enums) reports one `const` issue per allowed value at the
 * same path: they become "must be one of: all, mentions, nothing" (plus the other accepted types, such as
 * null to reset a saved choice), instead of the first "must be equal to constant".
 */
export function issueMessage(issue: SchemaIssue, all: readonly SchemaIssue[]): string {
  const here = all.filter((i) => i.instancePath === issue.instancePath);
  const allowed: unknown[] = [];
  for (const i of here) {
    if (i.keyword === "const" && i.params && "allowedValue" in i.params) allowed.push(i.params.allowedValue);
    if (i.keyword === "enum" && Array.isArray(i.params?.allowedValues))
      allowed.push(...i.params.allowedValues);
  }
  if (
    allowed.length === 0 ||
    !(issue.keyword === "const" || issue.keyword === "enum" || issue.keyword === "type")
  )
    return issue.message ?? "is invalid";
  // A `type` issue of an alternative whose literal also appears is that literal's own type check (noise).
  const literalTypes = new Set<string>(allowed.map((v) => (v === null ? "null" : typeof v)));
  const others = [
    ...new Set(
      here
        .filter((i) => i.keyword === "type" && typeof i.params?.type === "string")
        .map((i) => String(i.params?.type))
        .filter((t) => !literalTypes.has(t)),
    ),
  ];
  const list = [...new Set(allowed.map((v) => String(v)))].join(", ");
  return `must be one of: ${list}${others.length ? ` (or ${others.join(", or ")})` : ""}`;
}

function validationError(err: FastifyError, reply: FastifyReply) {
  const issues = (err.validation ?? []) as SchemaIssue[];
  const issue = pickIssue(issues);
  const field = fieldOf(issue);
  const where = err.validationContext ?? "body";
  const message = `${where}${field ? ` field ${field}` : ""}: ${issueMessage(issue, issues)}`;
  return reply.status(400).send(errorBody(codeOf(issue), message, field));
}

/**
 * Fastify answers some requests before any route or error handler runs (a URL it cannot decode, a path
 * parameter over its length limit): passed as the app's `frameworkErrors` option so they get Herald's shape.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  if (err.code === "FST_ERR_BAD_URL") {
    reply.status(400).send(errorBody("bad_url", "the URL is not valid (bad percent-encoding)"));
    return;
  }
  if (err.code === "FST_ERR_MAX_PARAM_LENGTH") {
    reply.status(414).send(errorBody("uri_too_long", "a path parameter is too long"));
    return;
  }
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  reply.status(status).send(errorBody("bad_request", err.message));
}

const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "body_too_large"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, "unsupported_media_type"],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, "empty_body"],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, "malformed_json"],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, "bad_content_length"],
};

export function installErrorHandler(app: App): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      reply.headers(err.headers);
      return reply.status(err.status).send(errorBody(err.code, err.message, err.field));
    }
    if (err.validation) return validationError(err, reply);
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return reply.status(known[0]).send(errorBody(known[1], err.message));
    if (err instanceof SyntaxError || (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)) {
      const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 400;
      return reply
        .status(status)
        .send(errorBody(status === 400 ? "bad_request" : "client_error", err.message));
    }
    req.log.error({ err }, "unhandled error");
    return reply.status(500).send(errorBody("internal_error", "something went wrong on our side"));
  });
}

/** Fastify parses text/plain by default (a form may post it where the route takes anything): a route that
 *  expects a JSON body, or none, answers a text body 415 — the body is not JSON (GEN-4). */
function isTextBody(req: FastifyRequest): boolean {
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  return type.startsWith("text/plain") && typeof req.body === "string";
}

function takesJson(schema: unknown): boolean {
  return typeof schema === "object" && schema !== null && "type" in schema;
}

/** A route that declares no body accepts none (or `{}`): anything else is a client mistake, not ignored input. */
export function rejectUndeclaredBodies(app: App): void {
  // A callback hook, not an async one: it never waits, and an async hook costs every request a promise and a
  // microtask hop. done(err) reaches the error handler as a rejection would.
  app.addHook("preValidation", (req, _reply, done) => {
    const body = req.routeOptions.schema?.body;
    if (isTextBody(req) && (takesJson(body) || (!body && req.body !== "")))
      return done(new AppError(415, "unsupported_media_type", "send the body as application/json"));
    if (!body && req.body === "") return done();
    if (body || req.body === undefined || req.body === null) return done();
    const empty =
      typeof req.body === "object" && !Array.isArray(req.body) && Object.keys(req.body).length === 0;
    done(empty ? undefined : new AppError(400, "unexpected_body", "this route takes no request body"));
  });
}
