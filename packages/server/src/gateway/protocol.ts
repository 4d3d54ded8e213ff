// Realtime protocol (docs/ARCHITECTURE.md "Realtime protocol"): client frames are validated here, so the
// rest of the gateway only sees well-formed input. Unknown or malformed frames get a stable error code.
import type {
  ClientFrame,
  DeviceKind,
  NotificationPermissionState as Permission,
  ResumeCursors,
  ServerFrame,
  View,
} from "@herald/core/realtime";

export type { ClientFrame, View };

export type ParseResult = { ok: true; frame: ClientFrame } | { ok: false; code: string; message: string };

const KINDS = new Set(["desktop", "mobile", "web"]);
const PERMISSIONS = new Set(["default", "granted", "denied", "unsupported"]);
/** PRS-6 subscriptions are for what one screen shows; a cap keeps one tab from watching everyone. */
export const MAX_PRESENCE_SUBSCRIPTIONS = 500;

type Obj = Record<string, unknown>;
const bad = (message: string): ParseResult => ({ ok: false, code: "bad_frame", message });
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const optBool = (o: Obj, k: string) => o[k] === undefined || typeof o[k] === "boolean";
const shortId = (v: unknown) => typeof v === "string" && v.length > 0 && v.length <= 128;

function parseView(v: unknown): View | null {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) return null;
  const view: View = {};
  if (v.roomId !== undefined && v.roomId !== null) {
    if (!shortId(v.roomId)) return null;
    view.roomId = v.roomId as string;
  }
  if (v.threadId !== undefined && v.threadId !== null) {
    if (!shortId(v.threadId)) return null;
    view.threadId = v.threadId as string;
  }
  return view;
}

function parseResume(v: unknown): ResumeCursors | null | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v) || !isObj(v.rooms)) return null;
  const c = v.userCursor;
  if (c !== undefined && c !== null && !Number.isSafeInteger(c)) return null;
  const rooms: Record<string, number> = {};
  for (const [id, seq] of Object.entries(v.rooms)) {
    if (!shortId(id) || !Number.isSafeInteger(seq) || (seq as number) < 0) return null;
    rooms[id] = seq as number;
  }
  if (v.log !== undefined && (typeof v.log !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(v.log))) return null;
  return {
    rooms,
    userCursor: (v.userCursor ?? null) as number | null,
    ...(typeof v.log === "string" ? { log: v.log } : {}),
  };
}

function parseHello(o: Obj): ParseResult {
  if (!shortId(o.deviceId)) return bad("hello.deviceId must be a non-empty string");
  if (!KINDS.has(o.deviceKind as string)) return bad("hello.deviceKind must be desktop, mobile or web");
  const permission = o.permission ?? "unsupported";
  if (!PERMISSIONS.has(permission as string)) return bad("hello.permission is invalid");
  const view = parseView(o.view);
  if (!view) return bad("hello.view is invalid");
  const resume = parseResume(o.resume);
  if (resume === null) return bad("hello.resume is invalid");
  return {
    ok: true,
    frame: {
      t: "hello",
      deviceId: o.deviceId as string,
      deviceKind: o.deviceKind as DeviceKind,
      permission: permission as Permission,
      focused: o.focused === true,
      visible: o.visible !== false,
      view,
      resume,
    },
  };
}

function parseState(o: Obj): ParseResult {
  for (const k of ["focused", "visible", "locked", "idle"])
    if (!optBool(o, k)) return bad(`state.${k} must be boolean`);
  if (o.permission !== undefined && !PERMISSIONS.has(o.permission as string))
    return bad("state.permission is invalid");
  const view = o.view === undefined ? undefined : parseView(o.view);
  if (view === null) return bad("state.view is invalid");
  return {
    ok: true,
    frame: {
      t: "state",
      focused: o.focused as boolean | undefined,
      visible: o.visible as boolean | undefined,
      locked: o.locked as boolean | undefined,
      idle: o.idle as boolean | undefined,
      permission: o.permission as Permission | undefined,
      view,
    },
  };
}

export function parseClientFrame(text: string): ParseResult {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return bad("frame is not JSON");
  }
  if (!isObj(o)) return bad("frame must be an object");
  switch (o.t) {
    case "hello":
      return parseHello(o);
    case "state":
      return parseState(o);
    case "activity":
    case "ping":
      return { ok: true, frame: { t: o.t } };
    case "presence.subscribe": {
      const ids = o.userIds;
      if (!Array.isArray(ids) || !ids.every(shortId)) return bad("presence.subscribe.userIds must be ids");
      if (ids.length > MAX_PRESENCE_SUBSCRIPTIONS) return bad(`at most ${MAX_PRESENCE_SUBSCRIPTIONS} users`);
      return { ok: true, frame: { t: "presence.subscribe", userIds: [...new Set(ids as string[])] } };
    }
    default:
      return { ok: false, code: "unknown_frame", message: "unknown frame type" };
  }
}

/** Every frame the gateway builds as an object goes out through here, so it is checked against the wire types. */
export const frameJson = (frame: ServerFrame): string => JSON.stringify(frame);

export const errorFrame = (code: string, message: string): string => frameJson({ t: "error", code, message });

/** One write per client per event: shared frame(s) and the client's personal part in one array. */
export function multi(parts: readonly string[]): string {
  return parts.length === 1 ? parts[0] : `{"t":"multi","events":[${parts.join(",")}]}`;
}
