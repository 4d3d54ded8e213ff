// Public API of @herald/core: pure rules, no I/O, no clock reads. Keep names stable: add, don't rename.
export const version = "0.1.0";

export * from "./badge.ts";
export * from "./calls.ts";
export * from "./candidates.ts";
export { updateMemberPresence, writePresence } from "./columns.ts";
export * from "./contact.ts";
export * from "./decide.ts";
export * from "./decisions.ts";
export * from "./event.ts";
export * from "./explain.ts";
export * from "./kernel.ts";
export { matchMembersKeywords } from "./keywords.ts";
export * from "./markdown.ts";
export * from "./mentions.ts";
export * from "./model.ts";
export * from "./notice.ts";
export * from "./preferences.ts";
export * from "./presence.ts";
export type { Named, PushPayload } from "./push-payload.ts";
export * from "./quiet.ts";
export * from "./schedule.ts";
export * from "./settings.ts";
export * from "./snapshot.ts";
export * from "./support.ts";
export * from "./wait-facts.ts";
