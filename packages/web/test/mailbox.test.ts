// The dev mailbox (EML-9) as an admin reads it: a real notification email, kept because no SMTP is configured,
// opens as HTML in a sandboxed frame and as plain text; message text in it is text, never markup (issue 6 §8).
import assert from "node:assert/strict";
import { test } from "node:test";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { shot, until } from "./harness.ts";

const app = appFixture();

let admin: Client;

app.setup(async () => {
  admin = app.admin;
});

const XSS = "<img src=x onerror=\"document.title='pwned'\">";

test("[EML-9] an email kept without SMTP reads as HTML and as plain text; its message text stays text", async () => {
  const alice = await makeUser(admin, "alice");
  const bob = await makeUser(admin, "bob");
  // Bob never connects, so he is inactive (EML-2); "immediately" is the shortest window (EML-3: 10 s).
  await bob.put("/me/preferences", { emailDelivery: "immediately" });
  const dm = unwrap<{ id: string }>(await alice.post("/dms", { userIds: [bob.user.id] }), "room").id;
  await alice.post(`/rooms/${dm}/messages`, { text: `look ${XSS} here` });
  const subject = "You have been direct messaged by Alice";
  await until(
    "the DM email in the dev mailbox",
    async () => {
      const r = await admin.get<{ emails: { subject: string }[] }>("/admin/mailbox");
      return r.emails.some((e) => e.subject.includes(subject));
    },
    60_000,
  );

  const u = await app.profile(admin, { permission: "granted" });
  const p = u.page;
  await p.goto("/admin/mailbox");
  const mail = p.locator("details.mail", { hasText: subject });
  await mail.locator("summary").click();
  const frame = p.frameLocator(`iframe[title*="${subject}"]`);
  // The HTML part shows the message, escaped: the tag is visible text and no element was made of it.
  await frame.getByText(XSS).waitFor();
  assert.equal(await frame.locator("img").count(), 0, "no <img> element inside the email");
  assert.notEqual(await p.title(), "pwned");
  const sandbox = (await mail.locator("iframe").getAttribute("sandbox")) ?? "missing";
  assert.doesNotMatch(
    sandbox,
    /allow-scripts|allow-same-origin|missing/,
    "the email runs no script, has no origin of ours",
  );
  // Its links open in a new tab, as in a mail client (the mailbox itself is not navigated away).
  const link = frame.getByRole("link", { name: "Open the message" });
  assert.match((await link.getAttribute("href")) ?? "", /^https?:\/\/[^/]+\/.+/);
  const [tab] = await Promise.all([p.context().waitForEvent("page"), link.click()]);
  assert.match(p.url(), /\/admin\/mailbox$/);
  await tab.close();
  await shot(p, "admin-mailbox-html");
  await mail.getByRole("button", { name: "Plain text" }).click();
  await mail.locator("pre", { hasText: XSS }).waitFor();
  assert.equal(await mail.getByRole("button", { name: "Plain text" }).getAttribute("aria-pressed"), "true");
  await shot(p, "admin-mailbox-text");
});
