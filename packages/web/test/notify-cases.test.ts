// Revision 2 as a new user meets it, in the browser: `@all` in a thread Bob follows with his thread
// notifications off (TRG-1), a Chinese keyword (MEN-4) and a ``` in the middle of a line (MEN-3). Each case
// checks the three places a user sees: the banner (Notification stub), the app (inbox, rendering) and the
// explain page's words. Absence is proven with a later banner on the same path (sentinel.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { connected, recorded, setFocus, shot, until } from "./harness.ts";
import { afterSentinel } from "./sentinel.ts";

const app = appFixture();

let alice: Client;
let bob: Client;
let room: string;

app.setup(async () => {
  alice = await makeUser(app.admin, "alice");
  bob = await makeUser(app.admin, "bob");
  const carol = await makeUser(app.admin, "carol");
  room = unwrap<{ id: string }>(
    await alice.post("/rooms", { kind: "channel", name: "team", memberIds: [bob.user.id, carol.user.id] }),
    "room",
  ).id;
});

async function post(c: Client, text: string, threadRootId?: string): Promise<string> {
  const r = await c.post<{ message: { id: string } }>(`/rooms/${room}/messages`, { text, threadRootId });
  return r.message.id;
}

interface Notify {
  t: string;
  messageId?: string | null;
  trigger?: string;
  banner?: unknown;
}

/** Bob's tab on the room list (no room in view) and unfocused, recording every `notify` frame it receives. */
async function bobAway(): Promise<{ page: Page; notifies: Notify[] }> {
  const { page } = await app.profile(bob);
  const notifies: Notify[] = [];
  page.on("websocket", (ws) =>
    ws.on("framereceived", ({ payload }) => {
      if (typeof payload !== "string") return;
      // The server batches frames as {t: "multi", events}.
      const f = JSON.parse(payload) as Notify & { events?: Notify[] };
      for (const e of f.t === "multi" ? (f.events ?? []) : [f]) if (e.t === "notify") notifies.push(e);
    }),
  );
  await page.goto("/chat");
  await connected(page);
  await setFocus(page, false);
  return { page, notifies };
}

test("[TRG-1][PRF-6] @all in a thread Bob follows, with his thread notifications off, reaches him as a group mention", async () => {
  const root = await post(alice, "release plan for Friday");
  await post(bob, "I can take the changelog", root);
  const thread = await bob.get<{ following: boolean }>(`/messages/${root}/thread`);
  assert.equal(thread.following, true, "replying made Bob a follower");

  // Bob turns replies to threads he follows off in Settings: desktop and email (push follows desktop, PRF-20).
  const { page: b, notifies } = await bobAway();
  await b.goto("/settings/notifications");
  for (const label of ["on desktop", "by email"]) await b.getByLabel(label, { exact: true }).uncheck();
  await until("thread notifications saved off", async () => {
    const p = await bob.get<{ effective: { threadReplies: Record<string, boolean> } }>("/me/preferences");
    return Object.values(p.effective.threadReplies).every((on) => on === false);
  });
  assert.equal(await b.getByLabel("by push", { exact: true }).isChecked(), false);
  await b.goto("/chat");
  await connected(b);
  await setFocus(b, false);

  // A plain reply in the thread now stays silent; the @all reply after it must banner — and only it.
  const before = await recorded(b);
  const plain = await post(alice, "also bumping the version", root);
  let allId = "";
  const { others } = await afterSentinel(b, before, "@all please review before Friday", async () => {
    allId = await post(alice, "@all please review before Friday", root);
  });
  assert.deepEqual(others, [], "the plain thread reply gave no banner: thread notifications are off");
  const all = notifies.filter((n) => n.messageId === allId);
  assert.deepEqual(
    all.map((n) => n.trigger),
    ["group"],
    "Bob is told once, as a member of the room (not as a follower)",
  );
  // GEN-1 still lists the plain reply in the inbox (trigger `thread`): its notify carries no banner.
  assert.deepEqual(
    notifies.filter((n) => n.messageId === plain).map((n) => [n.trigger, n.banner ?? false]),
    [["thread", false]],
  );

  // A banner that says why instead of what (PRV-10 generic) names the banner's own trigger: the room was
  // notified — not "replied in a thread you follow", which Bob turned off.
  await app.admin.put("/admin/settings", { bannerContent: "generic" });
  const { rec } = await afterSentinel(b, await recorded(b), "Notified the channel", () =>
    post(alice, "@all one more thing", root),
  );
  assert.equal(rec.banners.at(-1)?.title, "Alice in #team");
  await app.admin.put("/admin/settings", { bannerContent: null });

  // The inbox has the item (GEN-1). It names the recipient's trigger, the first that applies (TRG-1): the
  // thread; only the channels name the first their level allows.
  const inbox = await bob.get<{ items: { messageId?: string; type?: string }[] }>("/notifications?limit=30");
  assert.deepEqual(
    inbox.items.filter((n) => n.messageId === allId).map((n) => n.type),
    ["thread"],
  );
  await b.goto("/notifications");
  // The sender's name comes with the user directory, which may answer after the row is drawn.
  const row = b
    .locator(".notif", { hasText: "@all please review before Friday" })
    .filter({ hasText: "Alice replied" });
  await row.waitFor();
  assert.match(await row.innerText(), /^Alice replied in a thread you follow/);
  await shot(b, "thread-all-inbox-desktop");

  // Explain says why in words: the thread is what concerned Bob, the banner went for the whole room.
  await b.goto(`/explain/${allId}`);
  await b.locator(".explain-trigger", { hasText: "It was a reply in a thread you follow." }).waitFor();
  const banner = await b.locator('.explain-sentences li[data-channel="banner"]').innerText();
  assert.match(banner, /^Desktop banner: shown at .* allows a message to the whole room/);
  const sound = await b.locator('.explain-sentences li[data-channel="sound"]').innerText();
  assert.match(sound, /^Sound: played at .* allows a message to the whole room/);
  assert.doesNotMatch(sound, /allows a reply in a thread/, "the desktop level does not allow thread replies");
  const email = await b.locator('.explain-sentences li[data-channel="email"]').innerText();
  assert.match(email, /^Email: not sent .*; this was a reply in a thread you follow/, "email names why not");
  assert.doesNotMatch(await b.locator("main").innerText(), /\b[A-Z]{3}-\d+\b/, "no rule IDs");
  await shot(b, "thread-all-explain-desktop");
  await bob.put("/me/preferences", { threadReplies: null });
});

test("[MEN-4] a Chinese keyword inside a sentence banners; the keyword in code or an emoji shortcode does not", async () => {
  // `tomato` stands for the shortcode case: shortcodes are ASCII (`:tomato:`), so a Han keyword is never in one.
  await bob.put("/me/preferences", { keywords: ["番茄", "tomato"] });
  const { page: b, notifies } = await bobAway();
  const before = await recorded(b);
  const code = await post(alice, "the config key is `番茄` and `tomato`");
  const shortcode = await post(alice, "lunch :tomato: :+1:");
  const { rec, others } = await afterSentinel(b, before, "我爱吃番茄炒饭", () =>
    post(alice, "我爱吃番茄炒饭"),
  );
  assert.deepEqual(others, [], "no banner for the keyword in code or in a shortcode");
  assert.equal(rec.banners.filter((x) => x.body === "我爱吃番茄炒饭").length, 1);
  const chinese = notifies.find((n) => n.trigger === "keyword");
  assert.ok(chinese?.messageId, "a keyword notify frame");
  assert.equal(notifies.filter((n) => n.messageId === code || n.messageId === shortcode).length, 0);

  // The app points the keyword out where it notified, and only there.
  await b.goto(`/chat/${room}`);
  await b.locator(`[data-message-id="${chinese.messageId}"] .keyword-hit`, { hasText: "番茄" }).waitFor();
  assert.equal(await b.locator(`[data-message-id="${code}"] .keyword-hit`).count(), 0);
  assert.equal(await b.locator(`[data-message-id="${shortcode}"] .keyword-hit`).count(), 0);
  await shot(b, "keyword-chinese-desktop");

  await b.goto(`/explain/${chinese.messageId}`);
  await b.locator(".explain-trigger", { hasText: "It contained one of your keywords." }).waitFor();
  await b.goto(`/explain/${code}`);
  await b
    .locator(".explain-trigger", {
      hasText: "It was a message in a room you are in, with no mention of you.",
    })
    .waitFor();
  await bob.put("/me/preferences", { keywords: null });
});

test("[MEN-3][MEN-1] ``` in the middle of a line is a code span: @bob after it notifies and is highlighted", async () => {
  const { page: b } = await bobAway();
  const before = await recorded(b);
  // A line that starts with an inline ```x``` span is not a fence opener either: @bob on the next line counts.
  let mid = "";
  const { rec } = await afterSentinel(b, before, "see x and @bob here", async () => {
    mid = await post(alice, "see ```x``` and @bob here");
  });
  assert.equal(rec.banners.at(-1)?.title, "Alice in #team");
  const { rec: rec2 } = await afterSentinel(b, rec, "x starts the line", () =>
    post(alice, "```x``` starts the line\nand @bob is below"),
  );
  assert.equal(rec2.banners.length, rec.banners.length + 1);

  await b.goto(`/chat/${room}`);
  const text = b.locator(`[data-message-id="${mid}"] .md`);
  await text.waitFor();
  assert.deepEqual(await text.locator("code").allTextContents(), ["x"], "x renders as code");
  assert.deepEqual(await text.locator(".mention.me").allTextContents(), ["@bob"], "my mention stands out");
  assert.equal(((await text.textContent()) ?? "").includes("```"), false, "no stray backticks");
  const below = b.locator(".message .md", { hasText: "starts the line" });
  assert.deepEqual(await below.locator(".mention.me").allTextContents(), ["@bob"]);
  await shot(b, "midline-fence-desktop");

  await b.goto(`/explain/${mid}`);
  await b.locator(".explain-trigger", { hasText: "You were mentioned by name." }).waitFor();
});
