import type { Clock } from "../result.ts";
import type { EmailSender, MailboxPort, OutgoingEmail, StoredEmail } from "./types.ts";

/**
 * EML-9: without SMTP configured, emails go to a local dev mailbox the admin reads in the web app —
 * never silently dropped. A failing store is a retry, like an SMTP outage.
 */
export class DevMailboxSender implements EmailSender {
  readonly #mailbox: MailboxPort;
  readonly #clock: Clock;
  readonly #from: string;

  constructor(options: { mailbox: MailboxPort; clock: Clock; from: string }) {
    this.#mailbox = options.mailbox;
    this.#clock = options.clock;
    this.#from = options.from;
  }

  async send(
    email: OutgoingEmail,
  ): Promise<{ kind: "sent"; info: { messageId: string } } | { kind: "retry"; reason: string }> {
    const stored: StoredEmail = {
      messageId: email.messageId,
      from: this.#from,
      to: email.to.name ? `${email.to.name} <${email.to.address}>` : email.to.address,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: email.headers,
      kind: email.kind,
      ...(email.userId ? { userId: email.userId } : {}),
      createdAt: this.#clock.now(),
    };
    try {
      await this.#mailbox.save(stored);
      return { kind: "sent", info: { messageId: email.messageId } };
    } catch (error) {
      return { kind: "retry", reason: `dev mailbox: ${(error as Error).message}` };
    }
  }

  async close(): Promise<void> {}
}

/** In-memory MailboxPort for tests and single-process dev; idempotent per Message-ID. */
export class InMemoryMailbox implements MailboxPort {
  readonly emails: StoredEmail[] = [];

  async save(email: StoredEmail): Promise<void> {
    if (this.emails.some((e) => e.messageId === email.messageId)) return;
    this.emails.push(email);
  }

  async list(limit = 100): Promise<StoredEmail[]> {
    return this.emails.slice(-limit).reverse();
  }
}
