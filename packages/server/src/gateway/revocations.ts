// Revoked credentials (PRM-4, TOK-1, GEN-5): which sockets a `user.sessions_revoked` event names, and a short
// memory of recent revocations so that a socket whose credential was checked just before a revocation but
// connected just after it (the upgrade's auth query raced the sign-out) is closed too.
import type { Connection } from "./connection.ts";
import type { SessionsRevoked } from "./events.ts";

/** Longer than any upgrade takes from its auth query to `connect`. */
export const REMEMBER_MS = 60_000;

/** Whether the event names this socket's credential (no id: every socket of the user). */
export function revokes(
  ev: SessionsRevoked,
  c: Pick<Connection, "userId" | "sessionId" | "tokenId">,
): boolean {
  if (ev.userId !== c.userId) return false;
  if (!ev.sessionId && !ev.tokenId) return true;
  return (!!ev.sessionId && c.sessionId === ev.sessionId) || (!!ev.tokenId && c.tokenId === ev.tokenId);
}

export class RecentRevocations {
  readonly #list: { ev: SessionsRevoked; at: number }[] = [];

  remember(ev: SessionsRevoked, now: number): void {
    while (this.#list.length > 0 && this.#list[0].at < now - REMEMBER_MS) this.#list.shift();
    this.#list.push({ ev, at: now });
  }

  /** A socket authenticated at `authenticatedAt` whose credential was revoked at or after that moment. */
  revokedSince(c: Pick<Connection, "userId" | "sessionId" | "tokenId">, authenticatedAt: number): boolean {
    return this.#list.some((r) => r.at >= authenticatedAt && revokes(r.ev, c));
  }
}
