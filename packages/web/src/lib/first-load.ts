import type { QueryClient } from "@tanstack/react-query";
import { api, setCsrfToken } from "./api.ts";
import { roomListQuery } from "./rooms.ts";
import type { SessionPayload } from "./session.tsx";

/**
 * What the first screen needs before React renders it: the session and, signed in, the room list. A browser
 * with a session cookie has both on the way already (the server's `Link` preload), so waiting for them here
 * costs no round trip, and the first render shows the room list at once instead of rendering a splash, then
 * the app without rooms, then the rooms. null: no session (the sign-in page).
 */
export async function firstLoad(client: QueryClient): Promise<SessionPayload | null> {
  const session = await api.get<SessionPayload>("/auth/session").catch(() => null);
  if (!session) return null;
  setCsrfToken(session.csrfToken);
  // A failed room list is left to the screen, which asks again and says what went wrong.
  await client.prefetchQuery(roomListQuery(client));
  return session;
}
