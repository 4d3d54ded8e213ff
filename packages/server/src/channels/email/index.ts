import type { Clock } from "../result.ts";
import { DevMailboxSender } from "./dev-mailbox.ts";
import { SmtpEmailSender } from "./smtp.ts";
import type { EmailSender, MailboxPort } from "./types.ts";

export { DevMailboxSender, InMemoryMailbox } from "./dev-mailbox.ts";
export { escapeHtml, headerSafe, messageIdFor } from "./escape.ts";
export { type EmailContext, formatTime, renderEmail } from "./layout.ts";
export { senderMailer } from "./mailer.ts";
export { classifySmtpError, SmtpEmailSender } from "./smtp.ts";
export * from "./templates.ts";
export * from "./templates-account.ts";
export * from "./templates-contact.ts";
export type * from "./types.ts";
export * from "./unsubscribe.ts";

export type EmailConfig = {
  /** SMTP_URL; when absent, EML-9's dev mailbox is used. */
  smtpUrl?: string;
  from: { name: string; address: string };
  maxConnections?: number;
  mailbox: MailboxPort;
  clock: Clock;
};

/** SMTP when configured, else the dev mailbox (EML-9): email is never silently dropped. */
export function createEmailSender(config: EmailConfig): EmailSender {
  if (config.smtpUrl) {
    return new SmtpEmailSender({
      url: config.smtpUrl,
      from: config.from,
      maxConnections: config.maxConnections,
    });
  }
  return new DevMailboxSender({
    mailbox: config.mailbox,
    clock: config.clock,
    from: `${config.from.name} <${config.from.address}>`,
  });
}
