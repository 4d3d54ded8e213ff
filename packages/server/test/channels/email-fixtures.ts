import type { EmailContext, EmailMessageItem } from "../../src/channels/email/index.ts";

export const SECRET = "unsubscribe-secret-for-tests";

export function context(overrides: Partial<EmailContext["recipient"]> = {}): EmailContext {
  return {
    site: "Site",
    baseUrl: "https://chat.example.com",
    messageIdHost: "herald.example.com",
    unsubscribeSecret: SECRET,
    recipient: {
      userId: "u-bob",
      name: "Bob",
      address: "bob@example.com",
      timeZone: "America/New_York",
      ...overrides,
    },
  };
}

export function item(overrides: Partial<EmailMessageItem> = {}): EmailMessageItem {
  return {
    id: "m1",
    roomId: "r-general",
    roomName: "general",
    roomKind: "channel",
    trigger: "mention",
    sender: { id: "u-alice", name: "Alice" },
    text: "Hi @bob, lunch?",
    // 2023-11-14T22:13:20Z = 17:13 in New York
    sentAt: 1_700_000_000_000,
    ...overrides,
  };
}
