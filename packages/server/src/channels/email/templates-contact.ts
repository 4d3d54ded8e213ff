// The offline contact email: an agent's replies the contact has not seen in the widget, in one email, with a
// link back to the conversation (the widget resumes it) and RFC 8058 one-click unsubscribe (EML-6). The
// contact is no user: no settings link, and the footer says why they get it.
import { escapeHtml, escapeMultiline, headerSafe, messageIdFor } from "./escape.ts";
import { formatTime } from "./layout.ts";
import type { OutgoingEmail } from "./types.ts";

export interface ContactEmailInput {
  deliveryId: string;
  site: string;
  messageIdHost: string;
  to: { name: string; address: string };
  inboxName: string;
  replies: { senderName: string; text: string; at: number }[];
  conversationUrl: string;
  unsubscribeUrl: string;
}

/** "Alice replied" / "3 new replies from Alice, Bob" (at most three names). */
export function contactSubject(replies: ContactEmailInput["replies"]): string {
  const names: string[] = [];
  for (const r of replies) if (!names.includes(r.senderName)) names.push(r.senderName);
  if (replies.length === 1) return `${names[0]} replied to your message`;
  const shown = names.length > 3 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
  return `${replies.length} new replies from ${shown.join(", ")}`;
}

export function contactEmail(input: ContactEmailInput): OutgoingEmail {
  const replies = input.replies.map((r) => ({ ...r, senderName: headerSafe(r.senderName, 100) }));
  const inbox = headerSafe(input.inboxName, 100);
  const subject = headerSafe(`[${input.site}] ${contactSubject(replies)}`, 250);
  const html = [`<h2 style="font-size:18px">${escapeHtml(contactSubject(replies))}</h2>`];
  const text = [contactSubject(replies), ""];
  for (const r of replies) {
    const when = formatTime(r.at, "UTC");
    html.push(
      '<div style="margin:16px 0;padding:12px;border-left:3px solid #4b7bec;background:#f7f8fa">',
      `<div><strong>${escapeHtml(r.senderName)}</strong> · <span style="color:#666">${escapeHtml(when)}</span></div>`,
      `<div style="margin:8px 0">${escapeMultiline(r.text)}</div>`,
      "</div>",
    );
    text.push(`${r.senderName} · ${when}`, r.text, "");
  }
  html.push(`<p><a href="${escapeHtml(input.conversationUrl)}">Continue the conversation</a></p>`);
  text.push(`Continue the conversation: ${input.conversationUrl}`);
  const why = `You get this email because you left your address in the chat with ${inbox}.`;
  return {
    to: { name: headerSafe(input.to.name, 100), address: input.to.address },
    subject,
    html: [
      "<!doctype html>",
      '<html><head><meta charset="utf-8">',
      `<title>${escapeHtml(subject)}</title></head>`,
      '<body style="font-family:system-ui,sans-serif;color:#1d1d1f;max-width:640px;margin:0 auto;padding:16px">',
      ...html,
      '<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 8px">',
      `<p style="font-size:12px;color:#666">${escapeHtml(why)} <a href="${escapeHtml(input.unsubscribeUrl)}">Unsubscribe</a></p>`,
      "</body></html>",
    ].join("\n"),
    text: `${text.join("\n").trimEnd()}\n\n--\n${why}\nUnsubscribe: ${input.unsubscribeUrl}\n`,
    headers: {
      "List-Unsubscribe": `<${input.unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
    messageId: messageIdFor(input.deliveryId, input.messageIdHost),
    kind: "contact",
  };
}
