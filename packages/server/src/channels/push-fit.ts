import type { Named, PushPayload } from "./push-types.ts";
import { cutToBytes, jsonBytes } from "./text.ts";

/** Fields holding user text, in the order they are cut when the payload is too big (PSH-6). */
const CUTTABLE = ["body", "title"] as const;

/**
 * PSH-6: cut text, never the JSON. Cut the body first, then the title, then sender/room names and the
 * message-id list, each by code points with a re-measure after every cut.
 */
export function fitPayload(payload: PushPayload, maxBytes: number): PushPayload {
  let current = payload;
  for (const field of CUTTABLE) {
    if (jsonBytes(current) <= maxBytes) return current;
    const text = (current as Record<string, unknown>)[field];
    if (typeof text !== "string") continue;
    const base = current;
    current = cutToBytes(maxBytes, (s) => ({ ...base, [field]: s }) as PushPayload, text);
  }
  current = cutNames(current, maxBytes);
  if (jsonBytes(current) > maxBytes && current.type === "clear") {
    const { messageIds: _dropped, ...rest } = current;
    current = rest;
  }
  return current;
}

function cutNames(payload: PushPayload, maxBytes: number): PushPayload {
  let current = payload;
  for (const key of ["sender", "room", "from"] as const) {
    if (jsonBytes(current) <= maxBytes) return current;
    const named = (current as Record<string, unknown>)[key] as Named | undefined;
    if (!named) continue;
    const base = current;
    current = cutToBytes(
      maxBytes,
      (s) => ({ ...base, [key]: { ...named, name: s } }) as PushPayload,
      named.name,
    );
  }
  return current;
}
