import { randomUUID } from "node:crypto";
import type { Mailer, OutgoingMail } from "../../services.ts";
import { escapeMultiline, headerSafe, messageIdFor } from "./escape.ts";
import type { EmailSender } from "./types.ts";

/**
 * Adapts an EmailSender (SMTP or dev mailbox) to the server's simple `Mailer` port (services.ts), for
 * mails sent straight from a request (verification link, login alert). That port carries no delivery id,
 * so the Message-ID is fresh per call; scheduled notification emails go through the sender directly with a
 * stable id instead. A non-sent result throws, as the port expects.
 */
export function senderMailer(sender: EmailSender, messageIdHost: string): Mailer {
  return {
    async send(mail: OutgoingMail): Promise<void> {
      const result = await sender.send({
        to: { address: mail.to },
        subject: headerSafe(mail.subject, 250),
        text: mail.text,
        html: mail.html ?? `<!doctype html><html><body><p>${escapeMultiline(mail.text)}</p></body></html>`,
        headers: {},
        messageId: messageIdFor(`${mail.kind}-${randomUUID()}`, messageIdHost),
        kind: mail.kind,
        ...(mail.userId ? { userId: mail.userId } : {}),
      });
      if (result.kind !== "sent") throw new Error(`mail not sent (${result.kind}): ${result.reason}`);
    },
  };
}
