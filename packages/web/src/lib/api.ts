import { ApiError, HeraldApi } from "@herald/sdk";

// The app's HTTP calls go through the SDK's client (session cookie + x-csrf-token on writes).
export { ApiError };

let onUnauthorized: (() => void) | null = null;
const client = new HeraldApi({ onUnauthorized: () => onUnauthorized?.() });

export function setCsrfToken(token: string): void {
  client.csrfToken = token || null;
}

export function csrfToken(): string {
  return client.csrfToken ?? "";
}

/** Called when an authenticated request gets 401: the session expired (PRM-4). */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

export const api = {
  get: <T>(path: string) => client.get<T>(path),
  post: <T>(path: string, body?: unknown) => client.post<T>(path, body),
  put: <T>(path: string, body: unknown) => client.put<T>(path, body),
  patch: <T>(path: string, body: unknown) => client.patch<T>(path, body),
  del: <T>(path: string) => client.delete<T>(path),
};

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.field ? `${e.message} (${e.field})` : e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
