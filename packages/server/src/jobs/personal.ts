// Core's decision for a post's (or an edit's) personal recipients — the named and keyword-matched members
// resolved at post time, thread followers, `@here` members online then, a dm's members — loaded and decided
// once per transaction: the outbox writes push/email rows from it and the inbox hook writes items from it, so
// both read the same facts with the same queries and neither decides a trigger itself.
import { decideForMembers, type MemberCandidacy, type Role } from "@herald/core";
import type { DomainEvent } from "../events.ts";
import { loadAdminSettings } from "../http/preferences/resolve.ts";
import type { Tx } from "../store/db.ts";
import { factsOfRows, loadMemberFacts, memberRows, messageEvent } from "./facts.ts";

type Created = Extract<DomainEvent, { type: "message.created" }>;
type Updated = Extract<DomainEvent, { type: "message.updated" }>;

export interface PersonalDecision {
  candidacy: MemberCandidacy[];
  /** The sender's role when their facts were loaded (MEN-7 in a room row's expansion). */
  senderRole: Role | undefined;
}

const NONE: PersonalDecision = { candidacy: [], senderRole: undefined };

/** Per transaction, per event: a retried transaction decides again against what it reads. */
const memo = new WeakMap<Tx, WeakMap<DomainEvent, Promise<PersonalDecision>>>();

/** Core's candidacy of the event's personal recipients; nothing for system and conversation messages. */
export function decidePersonal(trx: Tx, ev: Created | Updated): Promise<PersonalDecision> {
  let byEvent = memo.get(trx);
  if (!byEvent) {
    byEvent = new WeakMap();
    memo.set(trx, byEvent);
  }
  let p = byEvent.get(ev);
  if (!p) {
    p = ev.type === "message.created" ? created(trx, ev) : updated(trx, ev);
    byEvent.set(ev, p);
  }
  return p;
}

function notifies(ev: Created | Updated): boolean {
  const m = ev.message;
  // TRG-3: system messages notify nobody; SUP-7 / SUP-9: a conversation notifies through support events.
  return m.kind !== "system" && m.deletedAt === null && ev.room.kind !== "conversation";
}

async function created(trx: Tx, ev: Created): Promise<PersonalDecision> {
  if (!notifies(ev)) return NONE;
  const m = ev.message;
  const resolved = ev.resolved;
  const here = new Set(resolved.here ? ev.hereOnline : []);
  const dmRoom = ev.room.kind === "dm" || ev.room.kind === "gdm";
  // Who can have a trigger other than group / all (TRG-1): core decides which of them, and for what. In a
  // dm / gdm (2–8 members) that is everyone.
  const personal = new Set<string>([
    ...resolved.users,
    ...resolved.keywords.map(([u]) => u),
    ...(m.threadRootId ? ev.threadFollowers : []),
    ...here,
  ]);
  if (m.senderId) personal.delete(m.senderId);
  // An @all's room row carries the sender's role, read here with the rest.
  if (!dmRoom && personal.size === 0 && !resolved.all) return NONE;
  const admin = await loadAdminSettings(trx);
  // The sender's facts too: MEN-7 reads their role; core never notifies them (MEN-5).
  const facts = dmRoom
    ? await factsOfRows(trx, await memberRows(trx, m.roomId).execute(), m.senderId, admin)
    : await loadMemberFacts(
        trx,
        m.roomId,
        m.senderId ? [...personal, m.senderId] : [...personal],
        m.senderId,
        admin,
      );
  const sender = facts.find((f) => f.userId === m.senderId);
  const event = messageEvent(m, resolved, {
    threadFollowers: ev.threadFollowers,
    ...(sender ? { senderRole: sender.role } : {}),
  });
  const room = { id: m.roomId, kind: ev.room.kind, memberCount: ev.room.memberCount };
  return {
    candidacy: decideForMembers(event, room, facts, admin, ev.at, (u) => here.has(u)),
    senderRole: sender?.role,
  };
}

async function updated(trx: Tx, ev: Updated): Promise<PersonalDecision> {
  if (!notifies(ev)) return NONE;
  const m = ev.message;
  // TRG-3: core compares the two resolutions (a personal trigger now and none before).
  const users = new Set([...ev.resolved.users, ...ev.resolved.keywords.map(([u]) => u)]);
  if (m.senderId) users.delete(m.senderId);
  if (users.size === 0) return NONE;
  const admin = await loadAdminSettings(trx);
  const facts = await loadMemberFacts(trx, m.roomId, [...users], m.senderId, admin);
  const event = messageEvent(m, ev.resolved, { previousMentions: ev.previousResolved });
  const room = { id: m.roomId, kind: ev.room.kind, memberCount: ev.room.memberCount };
  return { candidacy: decideForMembers(event, room, facts, admin, ev.at), senderRole: undefined };
}
