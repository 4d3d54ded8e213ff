// Resolving a parsed message's mentions against the facts of one room (MEN-1 … MEN-5), once per message.
import { type KeywordMatcher, matchMembersKeywords } from "./keywords.ts";
import type { ParsedMessage } from "./markdown.ts";
import type { ResolvedMentions } from "./model.ts";
import { resolveMentionName } from "./names.ts";

export interface MentionLookup {
  senderId: string;
  /** Workspace users by folded username, for the names the message contains; `member` = in this room. */
  userByName: ReadonlyMap<string, { id: string; member: boolean }>;
  /** Room members who have keywords (only those: never every user of the workspace). */
  keywordMembers: readonly { userId: string; matcher: KeywordMatcher }[];
}

export interface MentionResolution {
  mentions: ResolvedMentions;
  /** Folded names of users who exist but are not members: the sender's private hint (MEN-1). */
  hints: string[];
}

/**
 * MEN-1 … MEN-5: names → member ids (with MEN-3's trailing-punctuation fallback), keywords of members
 * not already mentioned by name (as the user saved them), the sender never included.
 */
export function resolveMentions(parsed: ParsedMessage, lookup: MentionLookup): MentionResolution {
  const users: string[] = [];
  const hints: string[] = [];
  const named = new Set<string>();
  const exists = (n: string): boolean => lookup.userByName.has(n);
  for (const raw of parsed.names) {
    const name = resolveMentionName(raw, exists);
    if (name === null) continue;
    const user = lookup.userByName.get(name);
    if (user === undefined || user.id === lookup.senderId || named.has(user.id)) continue;
    named.add(user.id);
    if (user.member) users.push(user.id);
    else if (!hints.includes(name)) hints.push(name);
  }
  const keywords: [string, string][] = [];
  // Matched through the room's word index (keywords.ts): the work follows the message, not the room size.
  const members = lookup.keywordMembers;
  const hits = [...matchMembersKeywords(parsed.searchText, members)].sort((x, y) => x[0] - y[0]);
  for (const [i, hit] of hits) {
    const userId = members[i].userId;
    if (userId === lookup.senderId || named.has(userId)) continue;
    named.add(userId);
    keywords.push([userId, hit]);
  }
  return { mentions: { users, keywords, all: parsed.all, here: parsed.here }, hints };
}
