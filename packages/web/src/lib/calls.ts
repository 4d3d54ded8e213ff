import { useSyncExternalStore } from "react";
import { ApiError, api, errorText } from "./api.ts";

// The call this tab takes part in (CAL-1, CAL-2): started here (caller) or answered here (callee). A tiny
// external store, like the router, so the room header, the ring dialog and the call bar share it.
export type CallRole = "caller" | "callee";
export type CallPhase = "ringing" | "ongoing" | "ended";

export interface CurrentCall {
  id: string;
  roomId: string;
  role: CallRole;
  phase: CallPhase;
  /** The other side's user id (caller for a callee); the bar shows a name for it. */
  peerId?: string;
  /** Why it ended or changed, in words ("Bob declined", "No answer"). */
  note?: string;
  since: number;
}

interface CallView {
  id: string;
  roomId: string;
  callerId?: string;
  state?: string;
  members?: { userId: string; state: string }[];
}

let current: CurrentCall | null = null;
const listeners = new Set<() => void>();
let clearTimer: ReturnType<typeof setTimeout> | null = null;

function set(next: CurrentCall | null): void {
  current = next;
  if (clearTimer) clearTimeout(clearTimer);
  clearTimer = null;
  // An ended call stays on screen a few seconds so the user sees why, then the bar goes away.
  if (next?.phase === "ended") clearTimer = setTimeout(() => set(null), 6000);
  for (const fn of listeners) fn();
}

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => {
    listeners.delete(fn);
  };
}

export function useCurrentCall(): CurrentCall | null {
  return useSyncExternalStore(subscribe, () => current);
}

export function currentCall(): CurrentCall | null {
  return current;
}

const viewOf = (raw: unknown): CallView | null => {
  const o = raw as { call?: CallView } | null;
  return o?.call ?? null;
};

/** Starts a call in a dm/gdm; throws the API error text (e.g. call_in_progress) for the caller to show. */
export async function startCall(roomId: string, peerId?: string): Promise<void> {
  const call = viewOf(await api.post(`/rooms/${roomId}/calls`));
  if (!call) return;
  // The answer lists the members it rings: in a DM that is the one person I am calling.
  const peer = peerId ?? (call.members?.length === 1 ? call.members[0].userId : undefined);
  set({ id: call.id, roomId, role: "caller", phase: "ringing", peerId: peer, since: Date.now() });
}

/** Answer from the ring dialog: the server stops the ring on my other devices; this tab shows the call. */
// Caller of each ring seen (ring.start carries it), so the bar can name who I am talking to.
const callers = new Map<string, string>();

export async function answerCall(
  callId: string,
  roomId: string,
  callerId = callers.get(callId),
): Promise<void> {
  // Shown at once: the ring.stop of my own answer may arrive before the POST answers.
  const call: CurrentCall = {
    id: callId,
    roomId,
    role: "callee",
    phase: "ongoing",
    peerId: callerId,
    since: Date.now(),
  };
  set(call);
  try {
    await api.post(`/calls/${callId}/answer`);
  } catch (e) {
    set({ ...call, phase: "ended", note: errorText(e) });
  }
}

export function declineCall(callId: string): void {
  api.post(`/calls/${callId}/decline`).catch(() => undefined);
}

/** Hang up (or cancel while ringing): POST /calls/:id/end. A call that already ended just closes the bar. */
export async function hangUp(): Promise<void> {
  const c = current;
  if (!c) return;
  try {
    await api.post(`/calls/${c.id}/end`);
    set({ ...c, phase: "ended", note: c.phase === "ringing" ? "Call cancelled" : "Call ended" });
  } catch (e) {
    const ended =
      e instanceof ApiError && ["call_ended", "call_not_joined", "call_not_found"].includes(e.code);
    set({ ...c, phase: "ended", note: ended ? "Call ended" : errorText(e) });
  }
}

export function dismissCall(): void {
  set(null);
}

/** The caller hears nothing from the server after 30 s of ringing: by then it was answered or rang out. */
export function ringingOver(callId: string): void {
  if (current?.id === callId && current.phase === "ringing" && current.role === "caller")
    set({ ...current, phase: "ongoing", note: "unconfirmed" });
}

type Frame = {
  t: string;
  callId?: string;
  roomId?: string;
  reason?: string;
  from?: string | { id: string };
  call?: CallView;
};

/**
 * Realtime frames about calls. ring.stop reasons (CAL-2): "answered" / "declined" (by me, maybe on another
 * device), "hangup" (the caller gave up), "timeout" (30 s). A `call.updated {call}` frame, if the server
 * sends one, moves the caller from "Calling…" to the call and ends it when the other side leaves.
 * A ring that stopped without this tab answering leaves a short note in the bar ("Missed call").
 */
export function callFrame(f: Frame): void {
  if (f.t === "call.updated" && f.call) {
    callUpdated(f.call);
    return;
  }
  if (f.t === "ring.start" && f.callId && f.from)
    callers.set(f.callId, typeof f.from === "string" ? f.from : f.from.id);
  if (f.t !== "ring.stop" || !f.callId) return;
  const mine = current?.id === f.callId ? current : null;
  if (mine?.role === "caller") {
    // Sent to the caller only by a server that tells callers: the other side's answer.
    if (f.reason === "answered") set({ ...mine, phase: "ongoing", note: undefined, since: Date.now() });
    if (f.reason === "declined") set({ ...mine, phase: "ended", note: "Declined" });
    if (f.reason === "timeout") set({ ...mine, phase: "ended", note: "No answer" });
    return;
  }
  if (mine || current) return; // my own answer / hang-up coming back, or busy with another call
  const note =
    f.reason === "answered"
      ? "Answered on another device"
      : f.reason === "hangup"
        ? "Missed call: the caller hung up"
        : f.reason === "timeout"
          ? "Missed call"
          : null;
  if (note)
    set({ id: f.callId, roomId: f.roomId ?? "", role: "callee", phase: "ended", note, since: Date.now() });
}

function callUpdated(call: CallView): void {
  const c = current;
  // Already ended here (declined, missed, hung up): keep the note that says why.
  if (!c || c.id !== call.id || c.phase === "ended") return;
  if (call.state === "ended")
    set({ ...c, phase: "ended", note: c.phase === "ringing" ? "No answer" : "Call ended" });
  else if (call.state === "ongoing" && c.phase === "ringing")
    set({ ...c, phase: "ongoing", note: undefined, since: Date.now() });
}
