import type { SendResult } from "../result.ts";

/** One email ready to go out: both parts rendered, headers safe, Message-ID fixed by the caller. */
export type OutgoingEmail = {
  to: { name?: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post, …); values already free of CR/LF. */
  headers: Record<string, string>;
  /** `<delivery-id@host>`: stable per (user, batch or message) so a retry is never a second email (EML-7). */
  messageId: string;
  /** What the email is, for the log and unsubscribe: "messages", "login", "verify_email", "support:…". */
  kind: string;
  userId?: string;
};

export type EmailSender = {
  send(email: OutgoingEmail): Promise<SendResult>;
  close(): Promise<void>;
};

/** An email as kept by the dev mailbox (EML-9); the server stores it in the `emails` table. */
export type StoredEmail = {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  kind: string;
  userId?: string;
  createdAt: number;
};

/**
 * Where the dev mailbox writes. `save` must be idempotent per messageId (a retried send must not show up
 * twice): the server's implementation should use a unique index on the Message-ID.
 */
export type MailboxPort = {
  save(email: StoredEmail): Promise<void>;
  list(limit?: number): Promise<StoredEmail[]>;
};
