// The people and things the security suite tries every route with. Nine identities: anonymous, a room's owner
// (its creator, and the author of its messages), a member, a non-member, an agent of the support inbox, an
// agent of another inbox, the conversation's contact, another contact of the same inbox, and an admin.
// Users sign in with a password (a cookie session + CSRF token, as the web app does), so token-management
// routes, which refuse bearer tokens, are tried as their real callers use them.
import type { InboxesTable } from "../../src/store/schema/support.ts";
import { inboxOf, startConversation } from "../../src/support/widget.ts";
import { form } from "../helpers/multipart.ts";
import { type Harness, signIn, type TestUser } from "../http/harness.ts";

export const WHO = [
  "anonymous",
  "owner",
  "member",
  "nonMember",
  "agent",
  "otherAgent",
  "contact",
  "otherContact",
  "admin",
] as const;
export type Who = (typeof WHO)[number];
export const USERS: readonly Who[] = ["owner", "member", "nonMember", "agent", "otherAgent", "admin"];
export const ALL: readonly Who[] = WHO;

/** Words that appear only inside the private room / the conversation: a reply carrying one to anyone who may
 *  not read it is a leak, whatever the route. */
export const ROOM_SECRET = "roomsecret7c1d";
export const CONVERSATION_SECRET = "convsecret93ab";
export const ROOM_READERS: readonly Who[] = ["owner", "member"];
export const CONVERSATION_READERS: readonly Who[] = ["agent", "admin", "contact"];

export interface Person {
  user: TestUser;
  /** Cookie session + CSRF header. */
  h: Record<string, string>;
}

/** What `{id}`, `{rootId}` and `{userId}` of a route stand for (made fresh for the route). */
export type SubjectKind =
  | "room"
  | "message"
  | "dm"
  | "call"
  | "notification"
  | "token"
  | "subscription"
  | "device"
  | "inbox"
  | "conversation"
  | "canned"
  | "file"
  | "user";

export interface Subject {
  id: string;
  /** Second path parameter, where the route has one ({userId}: the member). */
  userId: string;
  /** The conversation's contact headers (contact) and another contact's (otherContact). */
  contact: Record<string, string>;
  otherContact: Record<string, string>;
}

export interface World {
  h: Harness;
  people: Record<Exclude<Who, "anonymous" | "contact" | "otherContact">, Person> & { bystander: Person };
  inboxA: { id: string; key: string };
  inboxB: { id: string; key: string };
  /** Signs this user in again (for routes that end or change the session). */
  resign(who: Who): Promise<void>;
  /** A fresh subject of this kind, owned by `owner`, shared with `member`, in inbox A. */
  subject(kind: SubjectKind | undefined): Promise<Subject>;
}

/** FCM registration tokens are long URL-safe text. */
export const fcmToken = () => `fcm${Math.random().toString(36).slice(2)}${"A".repeat(40)}`;

async function session(h: Harness, user: TestUser): Promise<Person> {
  const s = await signIn(h.app, user.username, user.password);
  if (s.status !== 200) throw new Error(`sign-in of ${user.username} failed: ${s.status}`);
  return { user, h: { cookie: s.cookie, "x-csrf-token": s.csrf } };
}

export async function buildWorld(h: Harness): Promise<World> {
  const users = {
    owner: await h.user("member"),
    member: await h.user("member"),
    nonMember: await h.user("member"),
    agent: await h.user("agent"),
    otherAgent: await h.user("agent"),
    admin: h.admin,
    bystander: await h.user("member"),
  };
  const people = {} as World["people"];
  for (const [k, u] of Object.entries(users)) people[k as keyof typeof users] = await session(h, u);
  const as = (p: Person, method: string, url: string, payload?: unknown) =>
    h.app.inject({
      method: method as "POST",
      url: `/api/v1${url}`,
      headers: p.h,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async (p: Person, method: string, url: string, payload?: unknown) => {
    const r = await as(p, method, url, payload);
    if (r.statusCode >= 300) throw new Error(`world: ${method} ${url} → ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const inbox = async (name: string, agent: TestUser) => {
    const r = await ok(people.admin, "POST", "/inboxes", { name, agentIds: [agent.id] });
    return { id: r.inbox.id as string, key: r.key as string };
  };
  const inboxA = await inbox("Support A", users.agent);
  const inboxB = await inbox("Support B", users.otherAgent);
  const inboxRowA: InboxesTable = await inboxOf(h.services, inboxA.key);
  // Conversations are started through the widget's service, not its HTTP route, so the suite never spends
  // the widget's per-address flood limits.
  const conversation = async (text = `hello ${CONVERSATION_SECRET}`) => {
    const c = await startConversation(h.services, inboxRowA, { name: "Casey", text });
    return { id: c.conversation.id as string, token: c.contactToken as string };
  };
  // Another contact's conversation: its text is theirs to read, so it carries no secret word.
  const other = await conversation("hello from the other contact");
  const contactHeaders = (token: string) => ({ "x-inbox-key": inboxA.key, "x-contact-token": token });

  const room = async () => {
    const r = await ok(people.owner, "POST", "/rooms", {
      kind: "group",
      name: "private-room",
      memberIds: [users.member.id],
    });
    return r.room.id as string;
  };
  const post = async (author: Person, roomId: string, text: string) =>
    (await ok(author, "POST", `/rooms/${roomId}/messages`, { text })).message.id as string;

  let callQueue: Promise<void> = Promise.resolve();
  const call = async (): Promise<string> => {
    // One call at a time per DM: the owner ends the one a previous subject left ringing.
    const dm = (await ok(people.owner, "POST", "/dms", { userIds: [users.member.id] })).room.id;
    // A route under test may start one in the same DM meanwhile: end it and try again.
    for (let attempt = 0; ; attempt++) {
      const ringing = await h.services.store.db
        .selectFrom("calls")
        .select("id")
        .where("room_id", "=", dm)
        .where("ended_at", "is", null)
        .execute();
      for (const c of ringing) await as(people.owner, "POST", `/calls/${c.id}/end`);
      const r = await as(people.owner, "POST", `/rooms/${dm}/calls`);
      if (r.statusCode === 201 || attempt === 5) return r.json().call.id as string;
    }
  };

  async function subject(kind: SubjectKind | undefined): Promise<Subject> {
    const base = {
      userId: users.member.id,
      // Without a conversation of their own yet, the contact is a visitor holding the page's inbox key.
      contact: { "x-inbox-key": inboxA.key },
      otherContact: contactHeaders(other.token),
    };
    switch (kind) {
      case undefined:
        return { ...base, id: "none" };
      case "room":
        return { ...base, id: await room() };
      case "message": {
        const r = await room();
        return { ...base, id: await post(people.owner, r, `the plan ${ROOM_SECRET}`) };
      }
      case "file": {
        // A text file holding the room's secret: a reply that serves it to a non-member is caught as a leak.
        const f = form([{ name: "file", value: `the plan ${ROOM_SECRET}`, filename: "plan.txt" }]);
        const r = await h.app.inject({
          method: "POST",
          url: `/api/v1/rooms/${await room()}/files`,
          headers: { ...people.owner.h, ...f.headers },
          payload: f.payload,
        });
        if (r.statusCode !== 201) throw new Error(`world: upload → ${r.statusCode} ${r.body}`);
        return { ...base, id: r.json().message.files[0].id as string };
      }
      case "dm":
        return {
          ...base,
          id: (await ok(people.owner, "POST", "/dms", { userIds: [users.member.id] })).room.id,
        };
      case "call": {
        // Calls of one DM are made one after another: two at once would find the same room ringing.
        const turn = callQueue.then(() => call());
        callQueue = turn.then(
          () => {},
          () => {},
        );
        return { ...base, id: await turn };
      }
      case "notification": {
        const r = await room();
        await post(people.member, r, `@${users.owner.username} look ${ROOM_SECRET}`);
        const list = await ok(people.owner, "GET", "/notifications?limit=1");
        return { ...base, id: list.items[0].id };
      }
      case "token":
        return {
          ...base,
          id: (await ok(people.owner, "POST", "/me/tokens", { name: "t", scopes: ["read"] })).id,
        };
      case "subscription": {
        const r = await ok(people.owner, "POST", "/push/subscriptions", {
          deviceId: `d-${Math.random()}`,
          deviceKind: "web",
          endpoint: `https://push.example.test/${Math.random()}`,
          keys: { p256dh: "BOr3", auth: "a1" },
        });
        return { ...base, id: r.id };
      }
      case "device": {
        const r = await ok(people.owner, "POST", "/push/devices", {
          platform: "fcm",
          token: fcmToken(),
          appId: "com.example.app",
          deviceId: `dev-${Math.random()}`,
        });
        return { ...base, id: r.id };
      }
      case "inbox":
        // A fresh inbox whose agent is `agent` (rotating a key or adding agents must not touch inbox A).
        return {
          ...base,
          userId: users.agent.id,
          id: (await inbox(`Inbox ${Math.random()}`, users.agent)).id,
        };
      case "conversation": {
        const c = await conversation();
        return { ...base, id: c.id, contact: contactHeaders(c.token) };
      }
      case "canned": {
        const r = await ok(people.admin, "POST", "/canned-replies", {
          shortcut: `c${Math.random().toString(36).slice(2, 12)}`,
          text: "Thanks for writing",
        });
        return { ...base, id: r.cannedReply.id };
      }
      case "user":
        return { ...base, id: users.owner.id };
    }
  }

  return {
    h,
    people,
    inboxA,
    inboxB,
    async resign(who) {
      if (who in people) {
        const k = who as keyof World["people"];
        people[k] = await session(h, people[k].user);
      }
    },
    subject,
  };
}

/** The headers an identity sends for a route on this subject. */
export function headersOf(w: World, who: Who, s: Subject): Record<string, string> {
  if (who === "anonymous") return {};
  if (who === "contact") return s.contact;
  if (who === "otherContact") return s.otherContact;
  return w.people[who].h;
}
