// Error factories with stable codes (listed in docs/API.md). Handlers throw these; the app's error handler
// turns them into { error: { code, message, field? } } with the status.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.headers = headers;
  }
}

export const badRequest = (code: string, message: string, field?: string): AppError =>
  new AppError(400, code, message, field);
export const unauthorized = (message = "sign in first"): AppError =>
  new AppError(401, "unauthorized", message);
export const forbidden = (code: string, message: string): AppError => new AppError(403, code, message);
/** Also used for things that exist but the caller may not see, so existence does not leak (GEN-5). */
export const notFound = (code: string, message: string): AppError => new AppError(404, code, message);
export const conflict = (code: string, message: string, field?: string): AppError =>
  new AppError(409, code, message, field);
export const tooManyRequests = (retryAfterSeconds: number): AppError =>
  new AppError(429, "rate_limited", "too many requests, retry later", undefined, {
    "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

export function errorBody(code: string, message: string, field?: string): ErrorBody {
  return { error: field ? { code, message, field } : { code, message } };
}

/**
 * The one shape of every 4xx and 5xx answer, as the OpenAPI document states it. Open to more properties:
 * an answer may carry details beside `error` (adding inbox agents names who was added and who was not),
 * and a schema that closed it would make the serializer drop them.
 */
export const ErrorSchema = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({
          description: "stable, listed in docs/API.md; switch on this, not on the message",
        }),
        message: Type.String({ description: "for a developer reading a log; not for end users" }),
        field: Type.Optional(Type.String({ description: "the body, query or path field at fault" })),
      },
      { additionalProperties: true },
    ),
  },
  { description: "an error", additionalProperties: true },
);

/** Every route registered after this states the error shape for 4xx and 5xx in the OpenAPI document. */
export function documentErrors(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    const schema = (route.schema ?? {}) as { response?: Record<string, unknown> };
    route.schema = { ...schema, response: { "4XX": ErrorSchema, "5XX": ErrorSchema, ...schema.response } };
  });
}
