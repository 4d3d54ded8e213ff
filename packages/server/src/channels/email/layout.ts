import { escapeHtml, headerSafe, messageIdFor } from "./escape.ts";
import type { OutgoingEmail } from "./types.ts";
import { signUnsubscribe, type UnsubscribeScope } from "./unsubscribe.ts";

/** What every template needs besides its own data. */
export type EmailContext = {
  /** PRV-3 site name, used in subjects. */
  site: string;
  /** Public base URL of the web app, without trailing slash. */
  baseUrl: string;
  /** Host part of Message-IDs. */
  messageIdHost: string;
  unsubscribeSecret: string;
  recipient: { userId: string; name: string; address: string; timeZone: string };
};

export type EmailParts = {
  kind: string;
  /** Subject without the "[Site] " prefix, or with `bareSubject` the whole subject. */
  subject: string;
  bareSubject?: boolean;
  deliveryId: string;
  /** Already escaped HTML fragments. */
  html: string;
  text: string;
  /** EML-6: null for transactional mail the user asked for (verification). */
  unsubscribe: UnsubscribeScope | null;
};

export function settingsUrl(ctx: EmailContext): string {
  return `${ctx.baseUrl}/settings/notifications`;
}

export function unsubscribeUrl(ctx: EmailContext, scope: UnsubscribeScope, kind: string): string {
  const token = signUnsubscribe({ userId: ctx.recipient.userId, scope, kind }, ctx.unsubscribeSecret);
  return `${ctx.baseUrl}/api/v1/email/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** Wraps a template's parts into the final email: subject prefix, footer, List-Unsubscribe headers. */
export function renderEmail(ctx: EmailContext, parts: EmailParts): OutgoingEmail {
  const subject = headerSafe(parts.bareSubject ? parts.subject : `[${ctx.site}] ${parts.subject}`, 250);
  const headers: Record<string, string> = {};
  const unsubscribe = parts.unsubscribe ? unsubscribeUrl(ctx, parts.unsubscribe, parts.kind) : null;
  if (unsubscribe) {
    headers["List-Unsubscribe"] = `<${unsubscribe}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  return {
    to: { name: headerSafe(ctx.recipient.name, 100), address: ctx.recipient.address },
    subject,
    html: htmlDocument(ctx, subject, parts.html, unsubscribe),
    text: `${parts.text.trimEnd()}\n\n${textFooter(ctx, unsubscribe)}\n`,
    headers,
    messageId: messageIdFor(parts.deliveryId, ctx.messageIdHost),
    kind: parts.kind,
    userId: ctx.recipient.userId,
  };
}

function htmlDocument(ctx: EmailContext, subject: string, body: string, unsubscribe: string | null): string {
  const links = [`<a href="${escapeHtml(settingsUrl(ctx))}">Notification settings</a>`];
  if (unsubscribe) links.push(`<a href="${escapeHtml(unsubscribe)}">Unsubscribe</a>`);
  return [
    "<!doctype html>",
    '<html><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;color:#1d1d1f;max-width:640px;margin:0 auto;padding:16px">',
    body,
    '<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 8px">',
    `<p style="font-size:12px;color:#666">You get this email from ${escapeHtml(ctx.site)} because of your notification settings. ${links.join(" · ")}</p>`,
    "</body></html>",
  ].join("\n");
}

function textFooter(ctx: EmailContext, unsubscribe: string | null): string {
  const lines = [
    "--",
    `You get this email from ${ctx.site} because of your notification settings.`,
    `Notification settings: ${settingsUrl(ctx)}`,
  ];
  if (unsubscribe) lines.push(`Unsubscribe: ${unsubscribe}`);
  return lines.join("\n");
}

/** Time in the recipient's IANA zone (EML-4 body); unknown zones fall back to UTC rather than failing. */
export function formatTime(ms: number, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  };
  try {
    return new Intl.DateTimeFormat("en-US", { ...options, timeZone }).format(ms);
  } catch {
    return new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" }).format(ms);
  }
}
