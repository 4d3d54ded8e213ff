// What a notification says (DSK-4, PRV-1, PRV-10): the banner's and the push's title and body, from the
// message's plain first line and the trigger named for that channel. One place, so a banner, a push and
// explain's subject never disagree about what the message "said".
import { parseMessage } from "./markdown.ts";
import type { RoomKind, Trigger } from "./model.ts";
import type { BannerContent, PushContent } from "./settings.ts";

/** DSK-4: the body is cut to this many characters (code points, so no surrogate pair is split). */
export const NOTICE_BODY_MAX = 200;

export interface NoticeInput {
  senderName: string;
  roomName: string;
  roomKind: RoomKind;
  /** The message as written (Markdown); only its first line is shown, as plain text. */
  text: string;
  /** The trigger named for this channel (TRG-1); null reads as a plain room message. */
  trigger: Trigger | null;
  /** Names of the files sent with the message: a message that is only files says who sent which. */
  files?: readonly string[];
}

export interface Notice {
  title: string;
  body: string;
}

/** PRV-1 "why" of a generic notice, from the trigger named for the channel. */
const WHY: Record<Trigger, string> = {
  dm: "sent you a message",
  mention: "mentioned you",
  keyword: "mentioned you",
  group: "notified the channel",
  thread: "replied in a thread you follow",
  all: "posted a message",
};

export function noticeWhy(trigger: Trigger | null): string {
  return WHY[trigger ?? "all"];
}

/** Cuts to `max` characters with an ellipsis; whitespace at the cut is dropped. */
export function cutText(text: string, max = NOTICE_BODY_MAX): string {
  if (text.length <= max) return text; // UTF-16 units ≥ characters: nothing to count
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points
    .slice(0, max - 1)
    .join("")
    .trimEnd()}…`;
}

// One message reaches many recipients (a push each for `@all` in a big room): its first line is parsed once.
// A small cache of recent texts keeps memory bounded whatever the traffic.
const CACHE_SIZE = 256;
const recent = new Map<string, string>();

function firstLineOf(text: string): string {
  let line = recent.get(text);
  if (line === undefined) {
    // Control characters never reach a notification; runs of whitespace read as one space.
    line = parseMessage(text)
      .firstLine.replace(/\p{Cc}/gu, " ")
      .replace(/\s+/g, " ")
      .trim();
    if (recent.size >= CACHE_SIZE) {
      const oldest = recent.keys().next();
      if (!oldest.done) recent.delete(oldest.value);
    }
    recent.set(text, line);
  }
  return line;
}

/** DSK-4: the first line of the message as plain text (Markdown removed), ≤ `max` characters. */
export function plainFirstLine(text: string, max = NOTICE_BODY_MAX): string {
  return cutText(firstLineOf(text), max);
}

/** What a message that is only files says in a banner, push, e-mail or the inbox: "Alice sent a file:
 *  plan.pdf", "Alice sent 2 files: a.png, b.pdf". Names are one line each, like the text's first line. */
export function filesLine(senderName: string, names: readonly string[]): string {
  const clean = names.map(
    (n) =>
      n
        .replace(/\p{Cc}/gu, " ")
        .replace(/\s+/g, " ")
        .trim() || "file",
  );
  const who = senderName.trim() || "Someone";
  if (clean.length === 1) return `${who} sent a file: ${clean[0]}`;
  return `${who} sent ${clean.length} files: ${clean.join(", ")}`;
}

/** DSK-4 / PRV-1 body of a message: its plain first line; when it has no words but files, who sent which
 *  files (so a file-only message notifies like any other and never with an empty line). */
export function messageLine(
  input: { senderName: string; text: string; files?: readonly string[] },
  max = NOTICE_BODY_MAX,
): string {
  const line = plainFirstLine(input.text, max);
  if (line !== "" || !input.files?.length) return line;
  return cutText(filesLine(input.senderName, input.files), max);
}

/** The whole message for an e-mail: its text as written; when it has no words but files, who sent which. */
export function messageText(input: { senderName: string; text: string; files?: readonly string[] }): string {
  if (input.text.trim() !== "" || !input.files?.length) return input.text;
  return filesLine(input.senderName, input.files);
}

const direct = (kind: RoomKind) => kind === "dm" || kind === "gdm";

function titleOf(input: NoticeInput, withRoom: boolean): string {
  if (!withRoom || direct(input.roomKind)) return input.senderName;
  return `${input.senderName} in #${input.roomName}`;
}

/** Generic text (PRV-1 / PRV-10 "generic"): who and why, never what was written. */
function generic(input: NoticeInput, withRoom: boolean): Notice {
  const why = noticeWhy(input.trigger);
  return { title: titleOf(input, withRoom), body: `${why[0].toUpperCase()}${why.slice(1)}` };
}

/** DSK-4 banner, content per PRV-10. */
export function bannerNotice(input: NoticeInput, content: BannerContent): Notice {
  if (content === "generic") return generic(input, true);
  if (content === "generic_no_room") return generic(input, false);
  return { title: titleOf(input, true), body: messageLine(input) };
}

/** PRV-1 push text; null for "id only" (no content leaves the server, PSH-4). The whole first line: the
 *  payload builder cuts it to what fits 4 KiB (PSH-6), which is more than a banner's 200 characters. */
export function pushNotice(input: NoticeInput, content: PushContent): Notice | null {
  if (content === "id_only") return null;
  if (content === "generic") return generic(input, true);
  if (content === "generic_no_room") return generic(input, false);
  return { title: titleOf(input, true), body: messageLine(input, Number.POSITIVE_INFINITY) };
}
