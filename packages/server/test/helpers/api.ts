// Short calls for HTTP tests: `call(app, user, "PUT", "/me/preferences", body)` → the injected response.
import type { App } from "../../src/http/types.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export function caller(app: App) {
  return (who: { h: Record<string, string> } | null, method: Method, url: string, payload?: unknown) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who?.h ?? {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}

/** Asserts nothing; returns `{status, code, field}` of an error answer for compact comparisons. */
export function errorOf(res: { statusCode: number; json(): unknown }): {
  status: number;
  code?: string;
  field?: string;
} {
  const body = res.json() as { error?: { code: string; field?: string } };
  return { status: res.statusCode, code: body.error?.code, field: body.error?.field };
}
