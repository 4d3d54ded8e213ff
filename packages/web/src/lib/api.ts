import { ApiError, apiErrorOf } from "@herald/sdk";
import createClient from "openapi-fetch";
import type { paths } from "./api-schema.d.ts";

// The app's HTTP calls go through one openapi-fetch client typed by the OpenAPI document (api-schema.d.ts,
// `npm run api:types`): session cookie, x-csrf-token on writes, and the API's errors as ApiError.
export { ApiError };

let token = "";
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(value: string): void {
  token = value;
}

export function csrfToken(): string {
  return token;
}

/** Called when an authenticated request gets 401: the session expired (PRM-4). */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

/** Typed calls: `ok(http.GET("/api/v1/threads/followed"))`. */
export const http = createClient<paths>({
  credentials: "include",
  headers: { accept: "application/json" },
  // Looked up per call, not kept from the first load, so a wrapped fetch (a test's offline switch) applies.
  fetch: (request) => globalThis.fetch(request),
});
http.use({
  onRequest({ request }) {
    if (token && request.method !== "GET" && request.method !== "HEAD")
      request.headers.set("x-csrf-token", token);
    return request;
  },
});

type Verb = "get" | "post" | "put" | "patch" | "delete";
/** The JSON a route answers on success, as the OpenAPI document describes it. */
export type Answer<P extends keyof paths, M extends Verb> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer A } } };
}
  ? A
  : never;

/** An answer's data, or its failure as an ApiError (stable code, words, field at fault). */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response, error);
  // Sign-in and the session answer carry the token for writes.
  const csrf = (data as { csrfToken?: unknown } | undefined)?.csrfToken;
  if (typeof csrf === "string") token = csrf;
  return data as T;
}

function toApiError(res: Response, body: unknown): ApiError {
  if (res.status === 401) onUnauthorized?.();
  return apiErrorOf(res, body);
}

// A route given as a string (a query string built by hand, or a route whose answer has no schema yet):
// the caller names the answer's type.
const call = <T>(method: Verb, path: string, body?: unknown) =>
  ok<T>(
    (
      http.request as (
        m: Verb,
        url: string,
        init: { body?: unknown },
      ) => Promise<{ data?: T; response: Response }>
    )(method, `/api/v1${path}`, body === undefined ? {} : { body }),
  );

export const api = {
  get: <T>(path: string) => call<T>("get", path),
  post: <T>(path: string, body?: unknown) => call<T>("post", path, body),
  put: <T>(path: string, body: unknown) => call<T>("put", path, body),
  patch: <T>(path: string, body: unknown) => call<T>("patch", path, body),
  del: <T>(path: string) => call<T>("delete", path),
  /** A multipart form (a file upload): fetch sets its type and boundary. */
  upload: <T>(path: string, form: FormData) => call<T>("post", path, form),
};

// A validation message starts with where the server found it ("body field idleSeconds: …"): internal names
// users should not read (GEN-9). The field is said in words ("idle seconds"), or not at all next to it.
const WHERE = /^(?:body|querystring|params|headers)(?: field (\S+))?: /;
const inWords = (field: string) =>
  (field.split(".").pop() ?? field)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();

/** An error to show next to the field it is about: the message alone. */
export function fieldErrorText(e: unknown): string {
  if (e instanceof ApiError) return e.message.replace(WHERE, "");
  return errorText(e);
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message.replace(WHERE, (_, f?: string) => (f ? `${inWords(f)}: ` : ""));
  if (e instanceof Error) return e.message;
  return String(e);
}

/** A request that got no answer (no connection, server down), said in words for a send the user can try again:
 *  never the browser's "Failed to fetch". */
export function noAnswerText(): string {
  return navigator.onLine
    ? "the server could not be reached, try again"
    : "you are offline, try again once connected";
}
