import type { CannedReply, ContactDetails } from "../../lib/conversation-details.ts";
import { useApiQuery } from "../../lib/query.ts";

// Support's server state in the app's one query cache; keys start with the API path's segments, so a write
// invalidates everything under what it changed.
export const cannedKey = ["canned-replies"] as const;
export const contactKey = (conversationId: string) => ["conversations", conversationId, "contact"] as const;

/** The canned replies agents insert with `/shortcut` (GET /canned-replies). */
export function useCannedReplies() {
  return useApiQuery<{ cannedReplies: CannedReply[] }>(cannedKey, "/canned-replies");
}

/** Who the contact of a conversation is, and where they wrote from. */
export function useContactDetails(conversationId: string) {
  return useApiQuery<ContactDetails>(contactKey(conversationId), `/conversations/${conversationId}/contact`);
}
