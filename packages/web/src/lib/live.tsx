import {
  type AlertAction,
  createHerald,
  type Herald,
  onServiceWorkerOpen,
  type PendingFrame,
  type PermissionPhase,
  type RingFrame,
  type ServerEvent,
  type Toast,
} from "@herald/sdk";
import { useQueryClient } from "@tanstack/react-query";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { api, csrfToken } from "./api.ts";
import { autoplayBlocked, autoplayUnblocked } from "./autoplay.ts";
import { answerCall, declineCall } from "./calls.ts";
import { frameToCache } from "./frame-cache.ts";
import { ACCOUNT_PREFS, AGENT_PREFS, loadPrefs, type Prefs, prefsKey } from "./prefs.ts";
import { navigate } from "./router.ts";
import { useSession } from "./session.tsx";
import type { Badge, PresenceStatus } from "./types.ts";

// The live side of the app, on @herald/sdk: one Herald per tab (connection + resume, activity, permission
// flow, banners, sounds, badge, rings). React state mirrors what screens show.
interface LiveValue {
  herald: Herald;
  connected: boolean;
  badge: Badge;
  presence: Record<string, PresenceStatus>;
  ringing: RingFrame | null;
  pending: PendingFrame[];
  prefs: Prefs;
  agentPrefs: Prefs;
  permission: PermissionPhase;
  setView(v: { roomId?: string; threadId?: string; conversationId?: string }): void;
  subscribe(fn: (f: ServerEvent) => void): () => void;
  /** PRS-6: show these users' presence; returns the unsubscribe. The tab sends the union of all watchers. */
  watchPresence(userIds: string[]): () => void;
  reloadPrefs(): void;
}

const LiveContext = createContext<LiveValue | null>(null);

export function LiveProvider({ children, onToast }: { children: ReactNode; onToast(t: Toast): void }) {
  const { user, expire } = useSession();
  const userId = user?.id;
  const queryClient = useQueryClient();
  const [herald, setHerald] = useState<Herald | null>(null);
  const [connected, setConnected] = useState(false);
  const [badge, setBadge] = useState<Badge>({ total: 0, dot: false, rooms: {} });
  const [presence, setPresence] = useState<Record<string, PresenceStatus>>({});
  const [ringing, setRinging] = useState<RingFrame | null>(null);
  const [pending, setPending] = useState<PendingFrame[]>([]);
  const [prefs, setPrefs] = useState<Prefs>({});
  const [agentPrefs, setAgentPrefs] = useState<Prefs>({});
  const [permission, setPermission] = useState<PermissionPhase>("default");
  const listeners = useRef(new Set<(f: ServerEvent) => void>());
  const toastRef = useRef(onToast);
  toastRef.current = onToast;

  // A layout effect: the screens wait for the Herald, and React renders them at once after this runs, before
  // the browser paints — never a painted "Connecting…" frame between the session and the room list.
  useLayoutEffect(() => {
    const h = createHerald({
      onOpen: (t) => navigate(openUrl(t)),
      onToast: (t) => toastRef.current(t),
      onSignedOut: expire,
      onAlertAction: (a) => alertAction(a),
      // Chromium blocks audio until a click: a one-time "Click to enable sound" hint (SoundHint).
      onAutoplayBlocked: autoplayBlocked,
      onAutoplayUnblocked: autoplayUnblocked,
    });
    const c = h.connection;
    let readyBefore = false;
    const offs = [
      c.onStatus((s) => setConnected(s === "ready")),
      c.onEvent((e) => {
        // "ready" carries every room; a "badge" frame only the rooms that changed: merge those.
        if (e.t === "ready") setBadge(normBadge(e.badge));
        if (e.t === "badge") setBadge((cur) => mergeBadge(cur, normBadge(e)));
        if (e.t === "presence") setPresence((p) => ({ ...p, [e.userId]: e.status }));
        // The SDK's own listeners ran first, so its ring / pending lists are current here.
        if (e.t === "ring.start" || e.t === "ring.stop") setRinging(h.alerts.ringing()[0] ?? null);
        if (e.t === "pending.start" || e.t === "pending.stop") setPending(h.alerts.pending());
        frameToCache(queryClient, e, e.t === "ready" && readyBefore);
        if (e.t === "ready") readyBefore = true;
        for (const fn of listeners.current) fn(e);
      }),
      h.permission.onChange(setPermission),
      // A click on a push notification (service worker) opens its target here (DSK-6).
      onServiceWorkerOpen((d) => h.open(d)),
    ];
    if (userId)
      h.start({
        user: { id: userId, username: "", displayName: "", role: "member" },
        csrfToken: csrfToken(),
      });
    setPermission(h.permission.phase);
    setHerald(h);
    return () => {
      for (const off of offs) off();
      h.stop();
    };
  }, [userId, expire, queryClient]);

  const reloadPrefs = useCallback(() => {
    if (!herald) return;
    // Through the query cache, so the settings screens show what the gateway was just given.
    const load = (path: string) =>
      queryClient.fetchQuery({ queryKey: prefsKey(path), queryFn: () => loadPrefs(path), staleTime: 0 });
    load(ACCOUNT_PREFS).then(
      (p) => {
        setPrefs(p.effective);
        herald.setPreferences({ account: p.effective });
      },
      () => undefined,
    );
    // Agent prefs also hold the PRF-49 master switches, which every user has.
    load(AGENT_PREFS).then(
      (p) => {
        setAgentPrefs(p.effective);
        herald.setPreferences({ agent: p.effective });
      },
      () => undefined,
    );
  }, [herald, queryClient]);
  useEffect(() => {
    reloadPrefs();
  }, [reloadPrefs]);

  // CAL-2: the SDK stops a ring after 30 s on its own; keep the dialog in step.
  useEffect(() => {
    if (!ringing || !herald) return;
    const t = setTimeout(() => setRinging(herald.alerts.ringing()[0] ?? null), 30_500);
    return () => clearTimeout(t);
  }, [ringing, herald]);

  // presence.subscribe replaces the whole set, so every component's watch list is merged here.
  const watchers = useRef(new Map<number, string[]>());
  const watchSeq = useRef(0);
  const watchPresence = useCallback(
    (ids: string[]) => {
      const key = ++watchSeq.current;
      const send = () => {
        const all = [...new Set([...watchers.current.values()].flat())];
        herald?.connection.send({ t: "presence.subscribe", userIds: all });
      };
      watchers.current.set(key, ids);
      send();
      return () => {
        watchers.current.delete(key);
        send();
      };
    },
    [herald],
  );
  // After a reconnect the server has forgotten the set: send it again once ready.
  useEffect(() => {
    if (!connected || !herald) return;
    const all = [...new Set([...watchers.current.values()].flat())];
    if (all.length) herald.connection.send({ t: "presence.subscribe", userIds: all });
  }, [connected, herald]);

  const subscribe = useCallback((fn: (f: ServerEvent) => void) => {
    listeners.current.add(fn);
    return () => {
      listeners.current.delete(fn);
    };
  }, []);

  const value = useMemo<LiveValue | null>(
    () =>
      herald && {
        herald,
        connected,
        badge,
        presence,
        ringing,
        pending,
        prefs,
        agentPrefs,
        permission,
        setView: (v) => herald.setView(v),
        subscribe,
        watchPresence,
        reloadPrefs,
      },
    [
      herald,
      connected,
      badge,
      presence,
      ringing,
      pending,
      prefs,
      agentPrefs,
      permission,
      subscribe,
      reloadPrefs,
      watchPresence,
    ],
  );
  if (!value) return <p className="splash">Connecting…</p>;
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

function openUrl(t: {
  roomId?: string;
  threadId?: string;
  messageId?: string;
  conversationId?: string;
  url?: string;
}): string {
  if (t.url?.startsWith("/")) return t.url;
  if (t.conversationId) return `/support/c/${t.conversationId}`;
  // DSK-6: open the message itself — the room view scrolls to and highlights ?message=.
  const q = t.messageId ? `?message=${encodeURIComponent(t.messageId)}` : "";
  if (t.roomId && t.threadId) return `/chat/${t.roomId}/thread/${t.threadId}${q}`;
  return t.roomId ? `/chat/${t.roomId}${q}` : "/chat";
}

/** Banner clicks of support alerts (PRF-48) and the call dialog (CAL-1). */
function alertAction(a: AlertAction): void {
  const done = () => undefined;
  switch (a.kind) {
    case "call.answer":
      answerCall(a.callId, a.roomId); // the call bar shows the call with Hang up (CAL-2)
      navigate(`/chat/${a.roomId}`);
      break;
    case "call.decline":
      declineCall(a.callId);
      break;
    case "call.open":
      navigate(`/chat/${a.roomId}`);
      break;
    case "pickup":
      api.post(`/conversations/${a.conversationId}/pickup`).catch(done);
      navigate(`/support/c/${a.conversationId}`);
      break;
    case "open":
      navigate(`/support/c/${a.conversationId}`);
      break;
    case "focus":
      break;
  }
}

export function useLive(): LiveValue {
  const v = useContext(LiveContext);
  if (!v) throw new Error("useLive outside LiveProvider");
  return v;
}

/** Run `fn` for every server event while the component is mounted. */
export function useFrames(fn: (f: ServerEvent) => void): void {
  const { subscribe } = useLive();
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => subscribe((f) => ref.current(f)), [subscribe]);
}

function mergeBadge(cur: Badge, next: Badge): Badge {
  return { ...next, rooms: { ...cur.rooms, ...next.rooms } };
}

function normBadge(raw: unknown): Badge {
  const b = (raw ?? {}) as Partial<Badge>;
  return { total: Number(b.total ?? 0), dot: Boolean(b.dot), rooms: b.rooms ?? {} };
}
