// Support events (SUP-2 … SUP-9) end to end: plan (read facts, core's decideSupport — before the
// transaction, as SQLite has one connection), write (inbox items and outbox deliveries inside the caller's
// transaction), then after commit: realtime frames and the recorded decisions (EXP-3).
import type { AgentFacts, ChannelDecision, SupportDecision, SupportEvent } from "@herald/core";
import { decideSupport } from "@herald/core";
import { DecisionBatch } from "../decisions/batch.ts";
import type { DecisionOutcome } from "../decisions/recorder.ts";
import { insertItems, item } from "../http/notifications/items.ts";
import { newId } from "../ids.ts";
import type { Services } from "../services.ts";
import type { Tx } from "../store/db.ts";
import { agentFacts, isAvailable } from "./agents.ts";
import type { RealtimeFrame } from "./ports.ts";
import { sendAll, supportPorts } from "./ports.ts";

export interface SupportContext {
  /** The message the event is about (SUP-2 first message, SUP-6, SUP-7): reading it reads the item. */
  message?: { id: string; seq: number } | null;
  /** Banner / push text. */
  title: string;
  body: string;
}

export interface SupportPlan {
  eventId: string;
  event: SupportEvent;
  decisions: SupportDecision[];
  ctx: SupportContext;
  at: number;
  /** PRF-44 per agent: alerts also while the console has focus (the gateway / SDK apply it, PRF-51). */
  alsoWhenFocused?: Map<string, boolean>;
}

/** Everyone who may be concerned: the inbox's agents, plus assignee / participants / mentioned agents. */
export async function planSupport(
  services: Services,
  event: SupportEvent,
  candidateIds: readonly string[],
  ctx: SupportContext,
): Promise<SupportPlan> {
  const at = services.clock.now();
  const facts = await agentFacts(services, candidateIds, event.conversation.inboxId);
  const alsoWhenFocused = new Map(facts.map((a) => [a.userId, a.prefs.messages.alsoWhenFocused]));
  return { eventId: newId(), event, decisions: decideSupport(event, facts, at), ctx, at, alsoWhenFocused };
}

/** Inside the transaction: an inbox item per agent whose inbox channel delivers (GEN-1), and push/email
 *  candidates to the scheduler (PRF-40/41, SUP-9, EML-8). The item id is the event id, so explain finds it. */
export async function writeSupport(trx: Tx, services: Services, plan: SupportPlan): Promise<void> {
  const c = plan.event.conversation;
  const items = plan.decisions
    .filter((d) => d.eventType && d.inbox.decision === "deliver")
    .map((d) =>
      item(d.userId, "support", plan.at, {
        id: plan.eventId,
        event: d.eventType,
        room_id: c.roomId,
        conversation_id: c.id,
        message_id: plan.ctx.message?.id ?? null,
        seq: plan.ctx.message?.seq ?? null,
        actor_id: actorOf(plan.event),
      }),
    );
  await insertItems(trx, items);
  const { deliveries } = supportPorts(services);
  for (const d of plan.decisions) {
    if (!d.eventType) continue;
    const channels: ("push" | "email")[] = [];
    if (d.push.decision !== "skip") channels.push("push");
    if (d.email.decision !== "skip") channels.push("email");
    if (!channels.length) continue;
    await deliveries.enqueueSupport(trx, {
      userId: d.userId,
      eventId: plan.eventId,
      eventType: d.eventType,
      conversationId: c.id,
      inboxId: c.inboxId,
      notificationId: plan.eventId,
      channels,
      dueAt: Math.min(dueOf(d.push, plan.at), dueOf(d.email, plan.at)),
      title: plan.ctx.title,
      body: plan.ctx.body,
    });
  }
}

function dueOf(d: ChannelDecision, now: number): number {
  if (d.decision === "deliver") return now;
  if (d.decision === "schedule") return d.until ?? Number.MAX_SAFE_INTEGER;
  return Number.MAX_SAFE_INTEGER;
}

function actorOf(ev: SupportEvent): string | null {
  return ev.type === "conversation_message" ? ev.authorId : ev.actorId;
}

const OUTCOME: Record<ChannelDecision["decision"], DecisionOutcome> = {
  deliver: "delivered",
  schedule: "scheduled",
  skip: "skipped",
};

/** After commit: notify frames (banner/sound per PRF-51, none for the pending alert: PRF-52) and the record. */
export async function afterSupport(
  services: Services,
  plan: SupportPlan,
  pendingAlert: boolean,
): Promise<void> {
  const batch = new DecisionBatch("support", plan.eventId, plan.at);
  const frames: { userId: string; frame: RealtimeFrame }[] = [];
  const c = plan.event.conversation;
  for (const d of plan.decisions) {
    for (const ch of ["banner", "sound", "push", "email", "inbox"] as const) {
      const cd = d[ch];
      batch.member(d.userId, ch, OUTCOME[cd.decision], {
        // EXP-1: the support event's type is the trigger explain shows.
        trigger: d.eventType ?? plan.event.type,
        reasons: cd.reasons,
      });
    }
    if (!d.eventType && d.banner.decision !== "deliver" && d.sound.decision !== "deliver") continue;
    const frame: RealtimeFrame = {
      t: "notify",
      notificationId: plan.eventId,
      roomId: c.roomId,
      messageId: plan.ctx.message?.id ?? null,
      conversationId: c.id,
      trigger: "support",
      event: d.eventType ?? "conversation_message",
    };
    // PRF-47 (close after) and PRF-48 (click) ride on the banner, PRF-46 (tone) and PRF-45 (loop) on the sound.
    if (!pendingAlert && d.banner.decision === "deliver")
      frame.banner = {
        title: plan.ctx.title,
        body: plan.ctx.body,
        stay: d.banner.closeAfter,
        click: d.banner.click,
      };
    if (!pendingAlert && d.sound.decision === "deliver" && d.sound.tone)
      frame.sound = { name: d.sound.tone, loop: d.sound.loop === true };
    if (frame.banner || frame.sound) frame.alsoWhenFocused = plan.alsoWhenFocused?.get(d.userId) === true;
    frames.push({ userId: d.userId, frame });
  }
  services.decisions.record(batch.entries());
  await sendAll(services, frames);
}

/** SUP-3: the pending-contact alert to every available agent of the inbox. */
export async function startPending(
  services: Services,
  conversation: { id: string; inboxId: string },
  agentIds: readonly string[],
  contactName: string,
): Promise<string[]> {
  const now = services.clock.now();
  const facts: AgentFacts[] = await agentFacts(services, agentIds, conversation.inboxId);
  const available = facts.filter((a) => isAvailable(a, now)).map((a) => a.userId);
  await sendAll(
    services,
    available.map((userId) => ({
      userId,
      frame: {
        t: "pending.start",
        conversationId: conversation.id,
        inboxId: conversation.inboxId,
        contactName,
      },
    })),
  );
  return available;
}

/** SUP-3: stops the alert on every agent's devices (those who never got it ignore the stop). */
export async function stopPending(
  services: Services,
  conversation: { id: string; inboxId: string },
  agentIds: readonly string[],
): Promise<void> {
  await sendAll(
    services,
    agentIds.map((userId) => ({
      userId,
      frame: { t: "pending.stop", conversationId: conversation.id, inboxId: conversation.inboxId },
    })),
  );
}
