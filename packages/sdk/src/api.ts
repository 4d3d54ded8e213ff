// Small typed fetch wrapper for the HTTP API (docs/ARCHITECTURE.md "HTTP API").
// Cookie sessions: credentials "include" and the CSRF token on every non-GET.
import type { BadgeState, DeviceKind, MessageBody } from "./types.ts";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;
  constructor(status: number, code: string, message: string, field?: string, retryAfter?: number) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

/** A failed answer as an ApiError: the API's stable code, words and field at fault, and Retry-After. */
export function apiErrorOf(res: Response, body: unknown): ApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | undefined)?.error;
  const retry = Number(res.headers.get("retry-after"));
  return new ApiError(
    res.status,
    typeof err?.code === "string" ? err.code : `http_${res.status}`,
    typeof err?.message === "string" ? err.message : res.statusText || `HTTP ${res.status}`,
    typeof err?.field === "string" ? err.field : undefined,
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiOptions {
  /** Origin + prefix, default "/api/v1" (same origin). */
  baseUrl?: string;
  fetch?: FetchLike;
  csrfToken?: string | null;
  /** Bearer token for non-browser use (no CSRF then). */
  token?: string | null;
  /** Called on any 401: the session expired (PRM-4 logged-out mark). */
  onUnauthorized?: () => void;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email?: string | null;
  role: "admin" | "agent" | "member";
  timezone?: string;
  [extra: string]: unknown;
}
export interface SessionInfo {
  user: User;
  csrfToken: string;
}
export interface PushSubscriptionBody {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  deviceId: string;
  deviceKind: DeviceKind;
  expirationTime?: number | null;
}
/** Content of a push, as in the push payload or as fetched for "id only" (PSH-4). */
export interface PushContent {
  title: string;
  body: string;
  tag?: string;
  url?: string;
  badge?: number;
  icon?: string;
}

type Query = Record<string, string | number | boolean | undefined | null>;
export interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

export class HeraldApi {
  baseUrl: string;
  csrfToken: string | null;
  token: string | null;
  private readonly fetchFn: FetchLike;
  private readonly onUnauthorized: (() => void) | undefined;

  constructor(options: ApiOptions = {}) {
    this.baseUrl = (options.baseUrl ?? "/api/v1").replace(/\/$/, "");
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.csrfToken = options.csrfToken ?? null;
    this.token = options.token ?? null;
    this.onUnauthorized = options.onUnauthorized;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    // A form (a file upload) carries its own multipart type and boundary, set by fetch.
    const form = typeof FormData !== "undefined" && options.body instanceof FormData;
    if (options.body !== undefined && !form) headers["content-type"] = "application/json";
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    else if (method !== "GET" && method !== "HEAD" && this.csrfToken)
      headers["x-csrf-token"] = this.csrfToken;
    const res = await this.fetchFn(this.baseUrl + path + queryString(options.query), {
      method,
      headers,
      credentials: "include",
      body:
        options.body === undefined
          ? undefined
          : form
            ? (options.body as FormData)
            : JSON.stringify(options.body),
      signal: options.signal,
    });
    const data: unknown = res.status === 204 ? undefined : await readJson(res);
    if (!res.ok) throw this.toError(res, data);
    const csrf = (data as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof csrf === "string") this.csrfToken = csrf;
    return data as T;
  }

  private toError(res: Response, data: unknown): ApiError {
    if (res.status === 401) this.onUnauthorized?.();
    return apiErrorOf(res, data);
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>("GET", path, { query });
  }
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("POST", path, { body: body ?? {} });
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("PUT", path, { body });
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("PATCH", path, { body });
  }
  delete<T>(path: string): Promise<T> {
    return this.request<T>("DELETE", path);
  }

  // ---- the routes the SDK itself uses, and the common ones for apps
  login(login: string, password: string): Promise<SessionInfo> {
    return this.post("/auth/login", { login, password });
  }
  logout(): Promise<void> {
    return this.post("/auth/logout");
  }
  session(): Promise<SessionInfo> {
    return this.get("/auth/session");
  }
  badge(): Promise<BadgeState> {
    return this.get("/me/badge");
  }
  postMessage(roomId: string, text: string, threadRootId?: string): Promise<{ message: MessageBody }> {
    return this.post(`/rooms/${enc(roomId)}/messages`, { text, threadRootId });
  }
  markRoomRead(roomId: string, seq?: number): Promise<void> {
    return this.post(`/rooms/${enc(roomId)}/read`, seq === undefined ? {} : { seq });
  }
  markThreadRead(rootId: string, seq?: number): Promise<void> {
    return this.post(`/threads/${enc(rootId)}/read`, seq === undefined ? {} : { seq });
  }
  markNotificationRead(id: string): Promise<void> {
    return this.post(`/notifications/${enc(id)}/read`);
  }
  vapidPublicKey(): Promise<{ publicKey: string }> {
    return this.get("/push/vapid-public-key");
  }
  addPushSubscription(body: PushSubscriptionBody): Promise<{ id: string }> {
    return this.post("/push/subscriptions", body);
  }
  removePushSubscription(id: string): Promise<void> {
    return this.delete(`/push/subscriptions/${enc(id)}`);
  }
  pushMessage(id: string): Promise<PushContent> {
    return this.get(`/push/messages/${enc(id)}`);
  }
  answerCall(callId: string): Promise<void> {
    return this.post(`/calls/${enc(callId)}/answer`);
  }
  declineCall(callId: string): Promise<void> {
    return this.post(`/calls/${enc(callId)}/decline`);
  }
  pickupConversation(id: string): Promise<void> {
    return this.post(`/conversations/${enc(id)}/pickup`);
  }
}

function enc(id: string): string {
  return encodeURIComponent(id);
}

function queryString(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
