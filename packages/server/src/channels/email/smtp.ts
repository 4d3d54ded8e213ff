import nodemailer, { type Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool/index.js";
import type { SendResult } from "../result.ts";
import { headerSafe } from "./escape.ts";
import type { EmailSender, OutgoingEmail } from "./types.ts";

export type SmtpSenderOptions = {
  /** smtp://user:pass@host:port (STARTTLS when offered) or smtps://… (TLS from the start). */
  url: string;
  /** From header, e.g. "Herald <herald@example.com>". */
  from: { name: string; address: string };
  maxConnections?: number;
  maxMessages?: number;
  /** Timeouts in ms; a hung server becomes a retry instead of a stuck job. */
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
};

/**
 * SMTP delivery through one pooled nodemailer transport. The Message-ID comes from the caller and is
 * stable per delivery, so a retry after a timeout that actually reached the server is the same email to
 * every receiving system (EML-7), not a second distinct one.
 */
export class SmtpEmailSender implements EmailSender {
  readonly #transport: Transporter<SMTPPool.SentMessageInfo>;
  readonly #from: { name: string; address: string };

  constructor(options: SmtpSenderOptions) {
    this.#from = { name: headerSafe(options.from.name, 100), address: options.from.address };
    this.#transport = nodemailer.createTransport(poolOptions(options));
  }

  async send(email: OutgoingEmail): Promise<SendResult> {
    try {
      const info = await this.#transport.sendMail({
        from: this.#from,
        to: { name: headerSafe(email.to.name ?? "", 100), address: email.to.address },
        subject: headerSafe(email.subject, 250),
        text: email.text,
        html: email.html,
        headers: email.headers,
        messageId: email.messageId,
      });
      if (info.accepted.length === 0) return { kind: "failed", reason: `rejected: ${String(info.response)}` };
      return { kind: "sent", info: { messageId: email.messageId } };
    } catch (error) {
      return classifySmtpError(error);
    }
  }

  async close(): Promise<void> {
    this.#transport.close();
  }
}

function poolOptions(options: SmtpSenderOptions): SMTPPool.Options {
  const url = new URL(options.url);
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:")
    throw new Error("SMTP_URL must be smtp:// or smtps://");
  const secure = url.protocol === "smtps:";
  const user = decodeURIComponent(url.username);
  return {
    pool: true,
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass: decodeURIComponent(url.password) } } : {}),
    maxConnections: options.maxConnections ?? 5,
    maxMessages: options.maxMessages ?? 1000,
    connectionTimeout: options.connectionTimeoutMs ?? 30_000,
    greetingTimeout: options.greetingTimeoutMs ?? 30_000,
    socketTimeout: options.socketTimeoutMs ?? 60_000,
  };
}

/**
 * 5xx replies are permanent (bad address, policy) except authentication, which an admin can fix in time
 * for the retry window; 4xx replies and every connection-level error (refused, reset, timeout) are
 * transient. The scheduler gives up after 24 h (EML-7).
 */
export function classifySmtpError(error: unknown): SendResult {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const reason = `smtp ${e.responseCode ?? e.code ?? "error"}: ${(e.message ?? String(error)).slice(0, 200)}`;
  if (typeof e.responseCode === "number" && e.responseCode >= 500 && e.code !== "EAUTH") {
    return { kind: "failed", reason };
  }
  return { kind: "retry", reason };
}
