// Unsent text per room and per thread, kept in this browser per signed-in user, so a room switch or a reload
// never loses what was being typed (as in Slack and Mattermost). Another user on the same browser sees none
// of it.
const PREFIX = "herald.draft";

export function draftKey(userId: string, roomId: string, threadRootId?: string): string {
  return `${PREFIX}.${userId}.${roomId}${threadRootId ? `.${threadRootId}` : ""}`;
}

export function loadDraft(key: string): string {
  try {
    return localStorage.getItem(key) ?? "";
  } catch {
    return ""; // storage blocked (private mode, quota): drafts simply do not survive
  }
}

export function saveDraft(key: string, text: string): void {
  try {
    if (text.trim()) localStorage.setItem(key, text);
    else localStorage.removeItem(key);
  } catch {
    // storage blocked or full: the draft lives in the box until the room changes
  }
}
