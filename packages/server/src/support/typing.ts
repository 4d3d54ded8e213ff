// Typing indicators, both ways, never stored: an agent's typing reaches the other agents of the inbox as a
// `conversation.typing` frame and the contact through the widget's poll (each node keeps who types where for
// a few seconds, fed over the cluster bus, so a poll on any node sees it); a contact's typing reaches the
// inbox's agents (and admins, who list every inbox) as the same frame. Clients send at most one signal every
// few seconds while typing and one stop; a signal lapses by itself after TYPING_MS.
import { clusterFor } from "../cluster/factory.ts";
import type { Principal } from "../http/types.ts";
import type { Services } from "../services.ts";
import type { InboxesTable } from "../store/schema/support.ts";
import { sendAll } from "./ports.ts";
import { inboxAgentIds, visibleConversation } from "./store.ts";
import { contactConversation } from "./widget.ts";

/** How long one signal shows "is typing" without another (clients repeat every 3 s while typing). */
export const TYPING_MS = 6000;
const TOPIC = "support.typing";

interface Signal {
  conversationId: string;
  name: string;
  typing: boolean;
  at: number;
}

/** Per process: conversation id → the agent typing there and until when. */
class TypingBoard {
  readonly #agents = new Map<string, { name: string; until: number }>();
  readonly ready: Promise<unknown>;
  constructor(services: Services) {
    const p = clusterFor(services, services.config.redisUrl, services.clock, services.config.redisPrefix);
    this.ready = p.ready.then(() => p.bus.subscribe(TOPIC, (payload) => this.apply(payload as Signal)));
  }
  apply(s: Signal): void {
    if (s.typing) this.#agents.set(s.conversationId, { name: s.name, until: s.at + TYPING_MS });
    else this.#agents.delete(s.conversationId);
  }
  agentTyping(conversationId: string, now: number): string | null {
    const t = this.#agents.get(conversationId);
    if (!t) return null;
    if (t.until > now) return t.name;
    this.#agents.delete(conversationId);
    return null;
  }
}

const boards = new WeakMap<Services, TypingBoard>();

async function boardOf(services: Services): Promise<TypingBoard> {
  let b = boards.get(services);
  if (!b) {
    b = new TypingBoard(services);
    boards.set(services, b);
  }
  await b.ready;
  return b;
}

/** The agent typing in this conversation now, by display name (what the widget shows), or null. */
export async function agentTypingIn(services: Services, conversationId: string): Promise<string | null> {
  return (await boardOf(services)).agentTyping(conversationId, services.clock.now());
}

async function admins(services: Services): Promise<string[]> {
  const rows = await services.store.db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "admin")
    .where("active", "=", 1)
    .execute();
  return rows.map((r) => r.id);
}

async function tell(
  services: Services,
  c: { id: string; inbox_id: string },
  from: { who: "agent" | "contact"; name: string; userId?: string },
  typing: boolean,
): Promise<void> {
  const to = new Set([...(await inboxAgentIds(services.store.db, c.inbox_id)), ...(await admins(services))]);
  if (from.userId) to.delete(from.userId);
  const frame = {
    t: "conversation.typing" as const,
    conversationId: c.id,
    who: from.who,
    name: from.name,
    typing,
  };
  await sendAll(
    services,
    [...to].map((userId) => ({ userId, frame })),
  );
}

export async function agentTypes(services: Services, p: Principal, id: string, typing: boolean) {
  const { db } = services.store;
  const c = await visibleConversation(db, p, id);
  const me = await db
    .selectFrom("users")
    .select("display_name")
    .where("id", "=", p.userId)
    .executeTakeFirstOrThrow();
  const signal: Signal = { conversationId: c.id, name: me.display_name, typing, at: services.clock.now() };
  const board = await boardOf(services);
  board.apply(signal); // this node at once; the others over the bus
  const cluster = clusterFor(services, services.config.redisUrl, services.clock, services.config.redisPrefix);
  try {
    await cluster.bus.publish(TOPIC, signal);
  } catch (err) {
    services.log.error({ err }, "typing publish failed");
  }
  await tell(services, c, { who: "agent", name: me.display_name, userId: p.userId }, typing);
  return { ok: true as const };
}

export async function contactTypes(
  services: Services,
  inbox: InboxesTable,
  id: string,
  token: string | undefined,
  typing: boolean,
) {
  const { c, contactName } = await contactConversation(services, inbox, id, token);
  await tell(services, c, { who: "contact", name: contactName }, typing);
  return { ok: true as const };
}
