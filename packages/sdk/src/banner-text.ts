// DSK-4 banner text, pure: title = sender (+ " in #room" outside DMs), body =
// first line as plain text, at most 200 characters. Never HTML: the result is
// only ever given to the Notification API or to textContent.
import type { RoomKind } from "./types.ts";

export const BODY_MAX = 200;

export interface BannerTextInput {
  senderName: string;
  roomName?: string;
  roomKind?: RoomKind;
  text: string;
}

export function bannerTitle(senderName: string, roomKind?: RoomKind, roomName?: string): string {
  const name = oneLine(senderName) || "Someone";
  // gdm rooms are DMs too: they have no channel name to show.
  if (roomKind === "dm" || roomKind === "gdm" || !roomName) return name;
  const room = oneLine(roomName);
  return roomKind === "conversation" ? `${name} in ${room}` : `${name} in #${room.replace(/^#/, "")}`;
}

export function bannerBody(text: string, max = BODY_MAX): string {
  const first = firstLine(text);
  return truncate(first, max);
}

/** First non-blank line, control characters removed, inner whitespace collapsed. */
export function firstLine(text: string): string {
  for (const line of text.split(/\r\n|\r|\n|\u2028|\u2029/)) {
    const clean = oneLine(line);
    if (clean) return clean;
  }
  return "";
}

function oneLine(s: string): string {
  return s
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Cuts at max code points (never inside a surrogate pair), ending with "…" when cut. */
export function truncate(s: string, max: number): string {
  const points = Array.from(s);
  if (points.length <= max) return s;
  return `${points
    .slice(0, max - 1)
    .join("")
    .trimEnd()}…`;
}
