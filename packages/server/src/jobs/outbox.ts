// The outbox writer: runs inside the message transaction (PostHooks.inTransaction), so a pending push/email
// exists exactly when its message does. It loads the facts of the message's personal recipients (the named
// and keyword-matched members resolved at post time, thread followers, `@here` members online then, a dm's
// members), asks core (decideForMembers, through personal.ts) who is a push / email candidate and under which
// trigger, and writes one row per candidate and channel (at the end of the hooks, with the inbox items:
// store/tx-writes.ts). A group mention, or a room message when some member may have a level `all` there
// (candidates.ts), gets ONE room row, expanded per recipient at send time (expand.ts). Deletion cancels
// inside its transaction (TRG-3).
import type { MemberCandidacy, Reason, Trigger } from "@herald/core";
import type { DomainEvent, MessageView } from "../events.ts";
import type { Tx } from "../store/db.ts";
import { deferDeliveries } from "../store/tx-writes.ts";
import { roomHasLevelAll } from "./candidates.ts";
import { decidePersonal } from "./personal.ts";
import { keys, type NewDelivery, newRow } from "./rows.ts";

type Created = Extract<DomainEvent, { type: "message.created" }>;
type Updated = Extract<DomainEvent, { type: "message.updated" }>;

/** A personal recipient core left out of a channel, with core's reason: recorded once the post commits. */
export interface OutboxSkip {
  userId: string;
  channel: "push" | "email";
  trigger: Trigger | null;
  reason: Reason;
}

export interface OutboxResult {
  /** Rows written (0: the worker has nothing new to do for this event). */
  rows: number;
  skipped: OutboxSkip[];
}

const NOTHING: OutboxResult = { rows: 0, skipped: [] };

export async function writeOutbox(trx: Tx, event: DomainEvent): Promise<OutboxResult> {
  if (event.type === "message.created") return onCreated(trx, event);
  if (event.type === "message.updated") return onUpdated(trx, event);
  if (event.type === "message.deleted") await cancelMessage(trx, event.message.id, event.at);
  return NOTHING;
}

/** Rows for core's candidates, and its reasons for the channels it left out. */
function collect(
  m: MessageView,
  cands: readonly MemberCandidacy[],
  now: number,
  out: OutboxResult,
): NewDelivery[] {
  const rows: NewDelivery[] = [];
  for (const c of cands) {
    rows.push(...candidateRows(m, c, now));
    for (const s of c.skipped)
      out.skipped.push({ userId: c.userId, channel: s.channel, trigger: c.trigger, reason: s.reason });
  }
  return rows;
}

/** Rows for core's candidates: the worker decides the moment (PSH-2 / EML-2) and re-checks everything. */
export function candidateRows(m: MessageView, c: MemberCandidacy, now: number): NewDelivery[] {
  const base = {
    userId: c.userId,
    roomId: m.roomId,
    messageId: m.id,
    seq: m.inRoom ? m.seq : 0,
    threadRootId: m.threadRootId,
    threadSeq: m.threadSeq,
    dueAt: now,
    payload: { senderId: m.senderId },
  };
  const rows: NewDelivery[] = [];
  if (c.push)
    rows.push(
      newRow(
        { ...base, trigger: c.push, kind: "push", channel: "push", key: keys.push(c.userId, m.id) },
        now,
      ),
    );
  if (c.email)
    rows.push(
      newRow(
        { ...base, trigger: c.email, kind: "email", channel: "email", key: keys.email(c.userId, m.id) },
        now,
      ),
    );
  return rows;
}

async function onCreated(trx: Tx, ev: Created): Promise<OutboxResult> {
  const m = ev.message;
  if (m.kind === "system" || m.deletedAt !== null) return NOTHING; // TRG-3: system messages notify nobody
  // SUP-7 / SUP-9: a conversation's push/email come from its support event (support/events.ts), not chat rules.
  if (ev.room.kind === "conversation") return NOTHING;
  const out: OutboxResult = { rows: 0, skipped: [] };
  const now = ev.at;
  const resolved = ev.resolved;
  const dmRoom = ev.room.kind === "dm" || ev.room.kind === "gdm";
  // Core's decision for the personal recipients, shared with the inbox hook (one set of fact queries).
  const personal = await decidePersonal(trx, ev);
  const senderRole = personal.senderRole;
  const rows: NewDelivery[] = collect(m, personal.candidacy, now, out);
  // Trigger `all` reaches room messages only (TRG-2); @all inside a thread reaches the whole room.
  const roomWide = !dmRoom && (resolved.all || m.inRoom);
  // A plain message reaches only members with some level at `all`: when the room has none, no room row.
  if (roomWide && (resolved.all || (await roomHasLevelAll(trx, m.roomId, m.id)))) {
    rows.push(
      newRow(
        {
          kind: "room",
          channel: "push",
          key: keys.room(m.id),
          roomId: m.roomId,
          messageId: m.id,
          trigger: resolved.all ? "group" : "all",
          seq: m.inRoom ? m.seq : 0,
          threadRootId: m.threadRootId,
          threadSeq: m.threadSeq,
          dueAt: now,
          payload: {
            group: resolved.all ? "all" : null,
            senderId: m.senderId,
            memberCount: ev.room.memberCount,
            roomKind: ev.room.kind,
            ...(senderRole ? { senderRole } : {}),
          },
        },
        now,
      ),
    );
  }
  deferDeliveries(trx, rows);
  out.rows = rows.length;
  return out;
}

async function onUpdated(trx: Tx, ev: Updated): Promise<OutboxResult> {
  // TRG-3: core compares the two resolutions (a personal trigger now and none before).
  const { candidacy } = await decidePersonal(trx, ev);
  if (candidacy.length === 0) return NOTHING;
  const out: OutboxResult = { rows: 0, skipped: [] };
  const rows = collect(ev.message, candidacy, ev.at, out);
  deferDeliveries(trx, rows);
  out.rows = rows.length;
  return out;
}

/** TRG-3: a deleted message cancels every pending push/email for it (room rows included). */
export async function cancelMessage(trx: Tx, messageId: string, now: number): Promise<number> {
  const r = await trx
    .updateTable("deliveries")
    .set({ state: "dropped", reason: "TRG-3 message deleted", updated_at: now, claimed_until: null })
    .where("message_id", "=", messageId)
    .where("state", "in", ["pending", "claimed"])
    .executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}
