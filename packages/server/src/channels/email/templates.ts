import { messageText } from "@herald/core";
import type { PushTrigger, RoomKind } from "../push-types.ts";
import { escapeHtml, escapeMultiline, headerSafe } from "./escape.ts";
import { type EmailContext, formatTime, renderEmail } from "./layout.ts";
import type { OutgoingEmail } from "./types.ts";
import type { UnsubscribeScope } from "./unsubscribe.ts";

/** PRV-2 email content. */
export type EmailContentMode = "full" | "generic";

export type EmailMessageItem = {
  id: string;
  roomId: string;
  roomName: string;
  roomKind: RoomKind;
  threadId?: string;
  trigger: PushTrigger;
  sender: { id: string; name: string };
  text: string;
  /** Names of the files sent with the message: a message with no words says who sent which. */
  files?: string[];
  sentAt: number;
};

export type MessageEmailInput = {
  deliveryId: string;
  mode: EmailContentMode;
  items: EmailMessageItem[];
  /** Defaults: one room → that room ("room:<id>"); messages from several rooms → the account. */
  unsubscribeScope?: UnsubscribeScope;
  /** Link to a message in the web app; default `${baseUrl}/rooms/<room>?message=<id>[&thread=<root>]`. */
  messageUrl?: (item: EmailMessageItem) => string;
};

const GENERIC_TEXT = "You have a new message. Open it to read it.";

/** EML-4: single-message subjects by trigger, batch subject otherwise (without the "[Site] " prefix). */
export function messageSubject(items: EmailMessageItem[]): string {
  if (items.length === 0) throw new Error("an email needs at least one message");
  if (items.length > 1) return batchSubject(items);
  const [item] = items;
  const sender = item.sender.name;
  const room = `#${item.roomName}`;
  switch (item.trigger) {
    case "dm":
      return `You have been direct messaged by ${sender}`;
    case "mention":
    case "keyword":
      return `You have been mentioned by ${sender} in ${room}`;
    case "thread":
      return `New replies in a thread you follow in ${room}`;
    default:
      return `${sender} has posted a message in ${room}`;
  }
}

/** "5 new messages from Alice, Bob" — senders in order of first message, at most three named. */
function batchSubject(items: EmailMessageItem[]): string {
  const names: string[] = [];
  for (const item of items) if (!names.includes(item.sender.name)) names.push(item.sender.name);
  const shown = names.length > 3 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
  return `${items.length} new messages from ${shown.join(", ")}`;
}

export function messageEmail(ctx: EmailContext, input: MessageEmailInput): OutgoingEmail {
  const link = input.messageUrl ?? ((item: EmailMessageItem) => defaultMessageUrl(ctx, item));
  // Names are one line everywhere, so a name cannot fake extra lines in the body either.
  const items = input.items.map((i) => ({
    ...i,
    roomName: headerSafe(i.roomName, 100),
    sender: { ...i.sender, name: headerSafe(i.sender.name, 100) },
  }));
  const rooms = new Set(items.map((i) => i.roomId));
  const scope: UnsubscribeScope =
    input.unsubscribeScope ?? (rooms.size === 1 ? `room:${items[0].roomId}` : "account");
  const subject = messageSubject(items);
  const html = [`<h2 style="font-size:18px">${escapeHtml(subject)}</h2>`];
  const text = [subject, ""];
  for (const item of items) {
    const where = roomLabel(item);
    const when = formatTime(item.sentAt, ctx.recipient.timeZone);
    const body =
      input.mode === "full"
        ? messageText({ senderName: item.sender.name, text: item.text, files: item.files })
        : GENERIC_TEXT;
    const url = link(item);
    html.push(
      '<div style="margin:16px 0;padding:12px;border-left:3px solid #4b7bec;background:#f7f8fa">',
      `<div><strong>${escapeHtml(item.sender.name)}</strong> in ${escapeHtml(where)} · <span style="color:#666">${escapeHtml(when)}</span></div>`,
      `<div style="margin:8px 0">${escapeMultiline(body)}</div>`,
      `<div><a href="${escapeHtml(url)}">Open the message</a></div>`,
      "</div>",
    );
    text.push(`${item.sender.name} in ${where} · ${when}`, body, url, "");
  }
  return renderEmail(ctx, {
    kind: "messages",
    subject,
    deliveryId: input.deliveryId,
    html: html.join("\n"),
    text: text.join("\n"),
    unsubscribe: scope,
  });
}

function roomLabel(item: EmailMessageItem): string {
  if (item.roomKind === "dm") return "a direct message";
  if (item.roomKind === "gdm") return `a group message (${item.roomName})`;
  return `#${item.roomName}`;
}

function defaultMessageUrl(ctx: EmailContext, item: EmailMessageItem): string {
  const params = new URLSearchParams({ message: item.id });
  if (item.threadId) params.set("thread", item.threadId);
  return `${ctx.baseUrl}/rooms/${encodeURIComponent(item.roomId)}?${params}`;
}
