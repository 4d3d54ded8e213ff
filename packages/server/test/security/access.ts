// Who may use each route, written once per route. The suite reads the routes from the OpenAPI document: a
// route without a row here fails it, so a new route cannot ship without someone deciding who may call it.
// `allow` lists the identities that may use the route on its subject (a fresh one per identity); everyone
// else must get 401, 403 or 404 and change nothing.
import { ALL, fcmToken, type Subject, type SubjectKind, USERS, type Who, type World } from "./world.ts";

export interface Row {
  allow: readonly Who[];
  subject?: SubjectKind;
  body?: (w: World, s: Subject, who: Who) => unknown;
  query?: (w: World, s: Subject) => string;
  /** The route ends or changes the caller's session: sign in again afterwards. */
  resign?: true;
  /** Not a plain HTTP route (the WebSocket upgrade): only "never 5xx, never 2xx for anonymous" is checked here;
   *  test/gateway covers the socket itself. */
  upgrade?: true;
}

const ROOM: readonly Who[] = ["owner", "member"];
const SUPPORT: readonly Who[] = ["agent", "admin"];
const ADMIN: readonly Who[] = ["admin"];
const OWNER: readonly Who[] = ["owner"];
const password = (w: World, who: Who) =>
  who in w.people ? w.people[who as keyof World["people"]].user.password : "nope-nope-nope";
let n = 0;
const unique = (p: string) => `${p}${Date.now().toString(36)}${++n}`;
const future = () => Date.now() + 3_600_000;

export const ACCESS: Record<string, Row> = {
  // Anonymous by design: signing in, and links whose signed token is the credential.
  "POST /auth/login": {
    allow: ALL,
    body: (w) => ({ login: w.people.bystander.user.username, password: w.people.bystander.user.password }),
  },
  "GET /auth/verify-email": { allow: ALL, query: () => "token=not-a-real-token" },
  "POST /auth/password-reset": {
    allow: ALL,
    body: () => ({ token: "not-a-real-token", password: "a-long-password-1" }),
  },
  "GET /auth/sign-out-everywhere": { allow: ALL, query: () => "token=not-a-real-token" },
  "POST /auth/sign-out-everywhere": { allow: ALL, query: () => "token=not-a-real-token" },
  "GET /email/unsubscribe": { allow: ALL, query: () => "token=not-a-real-token" },
  "POST /email/unsubscribe": { allow: ALL, query: () => "token=not-a-real-token" },

  // The caller's own account: every signed-in user, about themselves.
  "GET /auth/session": { allow: USERS },
  "POST /auth/logout": { allow: USERS, resign: true },
  "POST /auth/logout-all": { allow: USERS, resign: true },
  "GET /me": { allow: USERS },
  "PATCH /me": { allow: USERS, body: () => ({ displayName: "Renamed" }) },
  "POST /me/email/verification": { allow: USERS },
  "PUT /me/status": { allow: USERS, body: () => ({ presence: "auto" }) },
  "PUT /me/password": {
    allow: USERS,
    resign: true,
    body: (w, _s, who) => ({ currentPassword: password(w, who), newPassword: password(w, who) }),
  },
  "POST /me/personal-token": { allow: USERS },
  "GET /me/tokens": { allow: USERS },
  "POST /me/tokens": { allow: USERS, body: () => ({ name: "ci", scopes: ["read"] }) },
  "DELETE /me/tokens/{id}": { allow: OWNER, subject: "token" },
  "PUT /me/ignores/{userId}": { allow: USERS, subject: "user" },
  "DELETE /me/ignores/{userId}": { allow: USERS, subject: "user" },
  "GET /me/ignores": { allow: USERS },
  "GET /me/badge": { allow: USERS },
  "POST /me/read-all": { allow: USERS },
  "GET /me/preferences": { allow: USERS },
  "PUT /me/preferences": { allow: USERS, body: () => ({ desktop: "mentions" }) },
  "GET /me/agent-preferences": { allow: USERS },
  "PUT /me/agent-preferences": { allow: USERS, body: () => ({ email: { pending_contact: true } }) },
  "GET /notifications": { allow: USERS },
  "GET /notifications/unread-count": { allow: USERS },
  "POST /notifications/read-all": { allow: USERS },
  "POST /notifications/{id}/read": { allow: OWNER, subject: "notification" },
  "POST /notifications/{id}/snooze": {
    allow: OWNER,
    subject: "notification",
    body: () => ({ until: future() }),
  },
  "GET /push/vapid-public-key": { allow: USERS },
  "GET /push/subscriptions": { allow: USERS },
  "POST /push/subscriptions": {
    allow: USERS,
    body: () => ({
      deviceId: unique("d"),
      deviceKind: "web",
      endpoint: `https://push.example.test/${unique("e")}`,
      keys: { p256dh: "BOr3", auth: "a1" },
    }),
  },
  "DELETE /push/subscriptions/{id}": { allow: OWNER, subject: "subscription" },
  "GET /push/devices": { allow: USERS },
  "POST /push/devices": {
    allow: USERS,
    body: () => ({ platform: "fcm", token: fcmToken(), appId: "com.example.app", deviceId: unique("d") }),
  },
  "DELETE /push/devices/{id}": { allow: OWNER, subject: "device" },
  "GET /realtime": { allow: USERS, upgrade: true },

  // The directory: any signed-in user; changing users is for admins.
  "GET /users": { allow: USERS },
  // Every signed-in user searches; what they find is only theirs to read (test/http/search.test.ts).
  "GET /search": { allow: USERS, query: () => "q=hello" },
  "GET /users/{id}": { allow: USERS, subject: "user" },
  "POST /users": {
    allow: ADMIN,
    body: () => ({ username: unique("new"), password: "a-long-password-1", role: "member" }),
  },
  "PATCH /users/{id}": { allow: ADMIN, subject: "user", body: () => ({ displayName: "Owner" }) },
  // A link, not a one-time password: that would replace the owner's password for the rest of the suite.
  "POST /users/{id}/password-reset": { allow: ADMIN, subject: "user", body: () => ({ via: "email" }) },

  // Rooms: a private group's members; changing it is for its creator (admins are not members of every room).
  "GET /rooms": { allow: USERS },
  "POST /rooms": { allow: USERS, body: () => ({ kind: "group", name: "new-room" }) },
  "POST /dms": { allow: USERS, body: (w) => ({ userIds: [w.people.bystander.user.id] }) },
  "GET /rooms/{id}": { allow: ROOM, subject: "room" },
  "PATCH /rooms/{id}": { allow: OWNER, subject: "room", body: () => ({ topic: "new topic" }) },
  "POST /rooms/{id}/join": { allow: ROOM, subject: "room" },
  "POST /rooms/{id}/leave": { allow: ROOM, subject: "room" },
  "GET /rooms/{id}/members": { allow: ROOM, subject: "room" },
  "POST /rooms/{id}/members": {
    allow: ROOM,
    subject: "room",
    body: (w) => ({ userIds: [w.people.bystander.user.id] }),
  },
  // {userId} is the member: the creator may remove them, and they may remove themselves.
  "DELETE /rooms/{id}/members/{userId}": { allow: ROOM, subject: "room" },
  "GET /rooms/{id}/messages": { allow: ROOM, subject: "room" },
  "POST /rooms/{id}/messages": { allow: ROOM, subject: "room", body: () => ({ text: "hello" }) },
  "POST /rooms/{id}/read": { allow: ROOM, subject: "room", body: () => ({}) },
  "POST /rooms/{id}/unread": { allow: ROOM, subject: "room", body: () => ({}) },
  "POST /rooms/read-all": { allow: USERS },
  "GET /rooms/{id}/preferences": { allow: ROOM, subject: "room" },
  "PUT /rooms/{id}/preferences": { allow: ROOM, subject: "room", body: () => ({ alerts: true }) },
  "POST /rooms/{id}/calls": { allow: ROOM, subject: "dm" },
  "POST /calls/{id}/answer": { allow: ROOM, subject: "call" },
  "POST /calls/{id}/decline": { allow: ROOM, subject: "call" },
  "POST /calls/{id}/end": { allow: ROOM, subject: "call" },

  // Messages of the private group, written by the owner.
  // The form is the suite's JSON here (refused with a 4xx); members get past the room check, strangers a 404.
  "POST /rooms/{id}/files": { allow: ROOM, subject: "room" },
  "GET /files/{id}": { allow: ROOM, subject: "file" },
  "GET /messages/{id}": { allow: ROOM, subject: "message" },
  "PATCH /messages/{id}": { allow: OWNER, subject: "message", body: () => ({ text: "edited" }) },
  "DELETE /messages/{id}": { allow: OWNER, subject: "message" },
  "GET /messages/{id}/thread": { allow: ROOM, subject: "message" },
  "POST /messages/{id}/follow": { allow: ROOM, subject: "message" },
  "DELETE /messages/{id}/follow": { allow: ROOM, subject: "message" },
  "POST /threads/{rootId}/read": { allow: ROOM, subject: "message", body: () => ({}) },
  // Every signed-in user, about the threads they follow in their own rooms.
  "GET /threads/followed": { allow: USERS },
  "POST /threads/read-all": { allow: USERS },
  "GET /push/messages/{id}": { allow: ROOM, subject: "message" },
  // Everyone about themselves; admins about anyone, without the text of rooms they cannot read (EXP-2).
  "GET /notifications/explain": {
    allow: ["owner", "member", "admin"],
    subject: "message",
    query: (_w, s) => `message=${s.id}`,
  },

  // Site administration.
  "GET /admin/settings": { allow: ADMIN },
  "PUT /admin/settings": { allow: ADMIN, body: () => ({ siteName: "Herald" }) },
  "GET /admin/stats": { allow: ADMIN },
  "GET /admin/failures": { allow: ADMIN },
  "GET /admin/mailbox": { allow: ADMIN },

  // Support: inboxes are the admins'; a conversation belongs to its inbox's agents (and admins).
  "GET /inboxes": { allow: USERS },
  "POST /inboxes": { allow: ADMIN, body: () => ({ name: unique("Inbox ") }) },
  "POST /inboxes/{id}/agents": {
    allow: ADMIN,
    subject: "inbox",
    body: (w) => ({ userIds: [w.people.agent.user.id] }),
  },
  // {userId} is the inbox's agent.
  "DELETE /inboxes/{id}/agents/{userId}": { allow: ADMIN, subject: "inbox" },
  "POST /inboxes/{id}/key": { allow: ADMIN, subject: "inbox" },
  "GET /inboxes/{id}/widget": { allow: ADMIN, subject: "inbox" },
  "PATCH /inboxes/{id}/widget": {
    allow: ADMIN,
    subject: "inbox",
    body: () => ({ origins: ["https://shop.example"], offlineEmailMinutes: 10 }),
  },
  "GET /conversations": { allow: USERS },
  "GET /conversations/{id}": { allow: SUPPORT, subject: "conversation" },
  "POST /conversations/{id}/pickup": { allow: SUPPORT, subject: "conversation" },
  "POST /conversations/{id}/assign": {
    allow: SUPPORT,
    subject: "conversation",
    body: (w) => ({ userId: w.people.agent.user.id }),
  },
  "POST /conversations/{id}/resolve": { allow: SUPPORT, subject: "conversation" },
  "POST /conversations/{id}/messages": {
    allow: SUPPORT,
    subject: "conversation",
    body: () => ({ text: "we are on it" }),
  },
  "POST /conversations/{id}/reopen": { allow: SUPPORT, subject: "conversation" },
  "GET /conversations/{id}/contact": { allow: SUPPORT, subject: "conversation" },
  "POST /conversations/{id}/typing": {
    allow: SUPPORT,
    subject: "conversation",
    body: () => ({ typing: true }),
  },
  // Canned replies: admins keep them; agents (and admins) read them for the composer.
  "GET /canned-replies": { allow: ["agent", "otherAgent", "admin"] },
  "POST /canned-replies": {
    allow: ADMIN,
    body: () => ({ shortcut: unique("s"), text: "Thanks for writing" }),
  },
  "PATCH /canned-replies/{id}": { allow: ADMIN, subject: "canned", body: () => ({ text: "Edited" }) },
  "DELETE /canned-replies/{id}": { allow: ADMIN, subject: "canned" },

  // The widget: the inbox key (on the customer's page) starts a conversation; only its contact continues it.
  "POST /widget/conversations": {
    allow: ["contact", "otherContact"],
    body: () => ({ name: "Visitor", text: "hi there" }),
  },
  "POST /widget/conversations/{id}/messages": {
    allow: ["contact"],
    subject: "conversation",
    body: () => ({ text: "me again" }),
  },
  "GET /widget/conversations/{id}/messages": { allow: ["contact"], subject: "conversation" },
  "POST /widget/conversations/{id}/leave": { allow: ["contact"], subject: "conversation" },
  // The status line needs only the page's inbox key; seen and the reply address are the contact's own.
  "GET /widget/status": { allow: ["contact", "otherContact"] },
  "POST /widget/conversations/{id}/seen": { allow: ["contact"], subject: "conversation", body: () => ({}) },
  "PUT /widget/conversations/{id}/email": {
    allow: ["contact"],
    subject: "conversation",
    body: () => ({ email: "visitor@example.org" }),
  },
  "POST /widget/conversations/{id}/typing": {
    allow: ["contact"],
    subject: "conversation",
    body: () => ({ typing: true }),
  },
};
