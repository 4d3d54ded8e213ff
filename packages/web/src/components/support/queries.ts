import type { CannedReply, ContactDetails } from "../../lib/conversation-details.ts";
import { useApiQuery } from "../../lib/query.ts";
import { getConversation } from "../../lib/support.ts";

// Support's server state in the app's one query cache; keys start with the API path's segments, so a write
// invalidates everything under what it changed.
export const cannedKey = ["canned-replies"] as const;
/** A conversation with its messages; its prefix also reaches its contact details (a message may bring a page). */
export const conversationKey = (conversationId: string) => ["conversations", conversationId] as const;
export const contactKey = (conversationId: string) => ["conversations", conversationId, "contact"] as const;

/** The canned replies agents insert with `/shortcut` (GET /canned-replies). */
export function useCannedReplies() {
  return useApiQuery<{ cannedReplies: CannedReply[] }>(cannedKey, "/canned-replies");
}

/** Who the contact of a conversation is, and where they wrote from. */
export function useContactDetails(conversationId: string) {
  return useApiQuery<ContactDetails>(contactKey(conversationId), `/conversations/${conversationId}/contact`);
}

/** One conversation and its messages (private notes included), as the agent sees it. */
export function useConversation(conversationId: string) {
  return useApiQuery(conversationKey(conversationId), () => getConversation(conversationId));
}
