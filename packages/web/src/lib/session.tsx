import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from "./api.ts";
import { queryClient } from "./query.ts";
import { useAutomaticZone } from "./timezones.ts";
import type { User } from "./types.ts";

type Status = "signed-out" | "signed-in" | "expired";

interface SessionValue {
  status: Status;
  user: User | null;
  /** `newPassword` replaces a one-time password an admin gave (the server asks for it). */
  signIn(login: string, password: string, newPassword?: string): Promise<void>;
  signOut(everywhere?: boolean): Promise<void>;
  setUser(u: User): void;
  /** The session ended while the app was open (PRM-4). */
  expire(): void;
}

export interface SessionPayload {
  user: User;
  csrfToken: string;
}

const SessionContext = createContext<SessionValue | null>(null);

/** `first`: the session the page started with (lib/first-load.ts), null when it had none. */
export function SessionProvider({ children, first }: { children: ReactNode; first: SessionPayload | null }) {
  const [status, setStatus] = useState<Status>(() =>
    first ? "signed-in" : hadSession() ? "expired" : "signed-out",
  );
  const [user, setUser] = useState<User | null>(first?.user ?? null);
  const idle = useIdleAfter(status === "signed-in");

  const expire = useCallback(() => setStatus((s) => (s === "signed-in" ? "expired" : s)), []);
  useEffect(() => {
    // A 401 on any call means the session expired while the app was open (PRM-4).
    setUnauthorizedHandler(expire);
    return () => setUnauthorizedHandler(null);
  }, [expire]);

  const signIn = useCallback(async (login: string, password: string, newPassword?: string) => {
    const s = await api.post<SessionPayload>("/auth/login", { login, password, newPassword });
    // Another account may sign in on this tab: nothing the last one loaded may show.
    queryClient.clear();
    setCsrfToken(s.csrfToken);
    setUser(s.user);
    rememberSession(true);
    setStatus("signed-in");
  }, []);

  const signOut = useCallback(async (everywhere = false) => {
    try {
      await api.post(everywhere ? "/auth/logout-all" : "/auth/logout");
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
    }
    rememberSession(false);
    queryClient.clear();
    setCsrfToken("");
    setUser(null);
    setStatus("signed-out");
  }, []);

  const value = useMemo(
    () => ({ status, user, signIn, signOut, setUser, expire }),
    [status, user, signIn, signOut, expire],
  );
  return (
    <SessionContext.Provider value={value}>
      {children}
      {idle && user && <AutomaticZone user={user} setUser={setUser} />}
    </SessionContext.Provider>
  );
}

/**
 * The zone check's first Intl call loads the browser's time zone data, a long task on a cold start: it runs
 * once the signed-in app has rendered and the browser is idle, not between the session and the room list.
 */
function AutomaticZone({ user, setUser }: { user: User; setUser(u: User): void }) {
  useAutomaticZone(user, setUser);
  return null;
}

/** True from the first idle moment after `ready` (at the latest a second or two later). */
function useIdleAfter(ready: boolean): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!ready || idle) return;
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(() => setIdle(true), { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(() => setIdle(true), 0);
    return () => clearTimeout(id);
  }, [ready, idle]);
  return idle;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error("useSession outside SessionProvider");
  return v;
}

/** The signed-in user; only for screens rendered behind the sign-in gate. */
export function useMe(): User {
  const { user } = useSession();
  if (!user) throw new Error("useMe without a signed-in user");
  return user;
}

// Remember that this browser had a session, so an expired one is told apart from a first visit (PRM-4).
const KEY = "herald.hadSession";
function hadSession(): boolean {
  return localStorage.getItem(KEY) === "1";
}
function rememberSession(on: boolean): void {
  if (on) localStorage.setItem(KEY, "1");
  else localStorage.removeItem(KEY);
}
