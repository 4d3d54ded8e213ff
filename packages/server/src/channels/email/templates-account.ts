import type { SupportEventType } from "../push-types.ts";
import { escapeHtml, escapeMultiline, headerSafe } from "./escape.ts";
import { type EmailContext, formatTime, renderEmail } from "./layout.ts";
import type { EmailContentMode } from "./templates.ts";
import type { OutgoingEmail } from "./types.ts";

/** Support-event emails (EML-8, PRF-40), the login alert (LGN-1) and the verification email. */

export type SupportEmailItem = {
  event: SupportEventType;
  conversationId: string;
  /** The contact the conversation is with, by the name they gave: an agent knows conversations by who
   *  wrote, and an internal id in a subject tells them nothing. */
  contactName: string;
  inboxName: string;
  actorName: string;
  text?: string;
  at: number;
};

const SUPPORT_SUBJECTS: Record<SupportEventType, (i: SupportEmailItem) => string> = {
  pending_contact: (i) => `A contact is waiting in ${i.inboxName}`,
  conversation_created: (i) => `New conversation with ${i.contactName} in ${i.inboxName}`,
  conversation_assigned: (i) => `${i.actorName} assigned the conversation with ${i.contactName} to you`,
  conversation_mention: (i) => `${i.actorName} mentioned you in the conversation with ${i.contactName}`,
  assigned_conversation_message: (i) =>
    `New message in the conversation with ${i.contactName}, assigned to you`,
  participating_conversation_message: (i) => `New message in the conversation with ${i.contactName}`,
};

export function supportSubject(items: SupportEmailItem[]): string {
  if (items.length === 0) throw new Error("an email needs at least one event");
  return items.length === 1
    ? SUPPORT_SUBJECTS[items[0].event](items[0])
    : `${items.length} new support notifications`;
}

export function supportEmail(
  ctx: EmailContext,
  input: {
    deliveryId: string;
    mode: EmailContentMode;
    items: SupportEmailItem[];
    conversationUrl?: (id: string) => string;
  },
): OutgoingEmail {
  const link =
    input.conversationUrl ?? ((id: string) => `${ctx.baseUrl}/conversations/${encodeURIComponent(id)}`);
  const items = input.items.map((i) => ({
    ...i,
    actorName: headerSafe(i.actorName, 100),
    inboxName: headerSafe(i.inboxName, 100),
    contactName: headerSafe(i.contactName, 80),
  }));
  const subject = supportSubject(items);
  const html = [`<h2 style="font-size:18px">${escapeHtml(subject)}</h2>`];
  const text = [subject, ""];
  for (const item of items) {
    const line = SUPPORT_SUBJECTS[item.event](item);
    const when = formatTime(item.at, ctx.recipient.timeZone);
    const body = input.mode === "full" && item.text ? item.text : "";
    html.push(
      '<div style="margin:16px 0;padding:12px;border-left:3px solid #20bf6b;background:#f7f8fa">',
      `<div><strong>${escapeHtml(line)}</strong> · <span style="color:#666">${escapeHtml(when)}</span></div>`,
      body ? `<div style="margin:8px 0">${escapeMultiline(body)}</div>` : "",
      `<div><a href="${escapeHtml(link(item.conversationId))}">Open the conversation</a></div>`,
      "</div>",
    );
    text.push(`${line} · ${when}`, ...(body ? [body] : []), link(item.conversationId), "");
  }
  // One kind per event type, so one click turns off exactly that PRF-40 switch; mixed batches → all support.
  const kinds = new Set(input.items.map((i) => i.event));
  const kind = kinds.size === 1 ? `support:${input.items[0].event}` : "support";
  return renderEmail(ctx, {
    kind,
    subject,
    deliveryId: input.deliveryId,
    html: html.filter(Boolean).join("\n"),
    text: text.join("\n"),
    unsubscribe: "account",
  });
}

export type LoginAlertInput = {
  deliveryId: string;
  at: number;
  browser: string;
  os: string;
  ip: string;
  signOutEverywhereUrl: string;
};

/** LGN-1: "New sign-in to {site}" with time, browser, OS, IP and a sign-out-everywhere link. */
export function loginAlertEmail(ctx: EmailContext, input: LoginAlertInput): OutgoingEmail {
  const subject = `New sign-in to ${ctx.site}`;
  const when = formatTime(input.at, ctx.recipient.timeZone);
  const facts: [string, string][] = [
    ["Time", when],
    ["Browser", input.browser],
    ["Operating system", input.os],
    ["IP address", input.ip],
  ];
  const html = [
    `<h2 style="font-size:18px">${escapeHtml(subject)}</h2>`,
    `<p>Your account was just signed in to from a device we have not seen before.</p>`,
    "<table>",
    ...facts.map(
      ([k, v]) => `<tr><td style="color:#666;padding-right:12px">${k}</td><td>${escapeHtml(v)}</td></tr>`,
    ),
    "</table>",
    `<p>If this was you, there is nothing to do. If not, <a href="${escapeHtml(input.signOutEverywhereUrl)}">sign out everywhere</a> and change your password.</p>`,
  ];
  const text = [
    subject,
    "",
    "Your account was just signed in to from a device we have not seen before.",
    ...facts.map(([k, v]) => `${k}: ${v}`),
    "",
    `If this was not you, sign out everywhere: ${input.signOutEverywhereUrl}`,
  ];
  return renderEmail(ctx, {
    kind: "login",
    subject,
    bareSubject: true,
    deliveryId: input.deliveryId,
    html: html.join("\n"),
    text: text.join("\n"),
    unsubscribe: "account",
  });
}

/** Email verification (PRV-8): transactional, asked for by the user, so no unsubscribe header. */
export function verificationEmail(
  ctx: EmailContext,
  input: { deliveryId: string; verifyUrl: string },
): OutgoingEmail {
  const subject = "Verify your email address";
  const html = [
    `<h2 style="font-size:18px">${escapeHtml(subject)}</h2>`,
    `<p>Confirm that this address belongs to your ${escapeHtml(ctx.site)} account:</p>`,
    `<p><a href="${escapeHtml(input.verifyUrl)}">Verify my email address</a></p>`,
    "<p>If you did not ask for this, ignore this email.</p>",
  ];
  const text = [
    subject,
    "",
    `Confirm that this address belongs to your ${ctx.site} account:`,
    input.verifyUrl,
    "",
    "If you did not ask for this, ignore this email.",
  ];
  return renderEmail(ctx, {
    kind: "verify_email",
    subject,
    deliveryId: input.deliveryId,
    html: html.join("\n"),
    text: text.join("\n"),
    unsubscribe: null,
  });
}
