// TestSocketPair: both directions queue until the test flushes them, so every interleaving is explicit.
import type { Gateway, Session } from "../../../src/gateway/gateway.ts";
import type { AuthResult, ClientSocket } from "../../../src/gateway/ports.ts";

export type Frame = Record<string, unknown> & { t: string };

export class TestSocketPair {
  readonly session: Session;
  /** Raw writes as the server made them (one per write). */
  readonly writes: string[] = [];
  /** Every event the client has received, `multi` unpacked. */
  readonly received: Frame[] = [];
  closed: { code: number; reason: string } | null = null;
  /** Writes the server attempted after the socket was closed (GEN-5: must stay 0 after a revocation). */
  writesAfterClose = 0;
  readonly #toClient: string[] = [];
  readonly #toServer: string[] = [];

  /** `auth`: the session / token the socket was opened with (revocation closes it). */
  constructor(gateway: Gateway, userId: string, auth: Omit<AuthResult, "userId"> = {}) {
    const socket: ClientSocket = {
      send: (data) => {
        if (!this.closed) this.#toClient.push(data);
        else this.writesAfterClose++;
      },
      close: (code, reason) => {
        if (this.closed) return;
        this.closed = { code, reason };
        // The gateway may close inside connect() (a revoked credential), before `session` is assigned.
        (this.session as Session | undefined)?.onClose();
      },
      isOpen: () => !this.closed,
    };
    this.session = gateway.connect(socket, { userId, ...auth });
  }

  send(frame: Record<string, unknown>): void {
    this.#toServer.push(JSON.stringify(frame));
  }

  sendRaw(text: string): void {
    this.#toServer.push(text);
  }

  flushToServer(): void {
    for (const text of this.#toServer.splice(0)) if (!this.closed) this.session.onMessage(text);
  }

  /** Delivers queued server writes to the client; returns the events they carried. */
  flushToClient(): Frame[] {
    const out: Frame[] = [];
    for (const data of this.#toClient.splice(0)) {
      this.writes.push(data);
      const f = JSON.parse(data) as Frame;
      if (f.t === "multi") out.push(...(f.events as Frame[]));
      else out.push(f);
    }
    this.received.push(...out);
    return out;
  }

  pendingToClient(): number {
    return this.#toClient.length;
  }

  /** The client goes away (network drop / tab closed). Queued writes are lost. */
  drop(): void {
    this.#toClient.length = 0;
    if (!this.closed) {
      this.closed = { code: 1006, reason: "dropped" };
      this.session.onClose();
    }
  }
}
