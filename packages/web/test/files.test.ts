// Files in Chromium: Alice attaches an image with the Attach button, a PDF by pasting and a text file by
// dropping; Bob, signed in elsewhere, gets a banner saying who sent which file and sees the image previewed
// (served to him as a room member) and the other files as downloads.
import assert from "node:assert/strict";
import { test } from "node:test";
import { crc32, deflateSync } from "node:zlib";
import type { Page } from "playwright-core";
import { appFixture } from "./app.ts";
import { type Client, makeUser, unwrap } from "./client.ts";
import { holdAnswer, PHONE, postsTo, recorded, setFocus, shot, until } from "./harness.ts";

// A 1 MB limit, so the test can send a file over it without a large buffer.
const app = appFixture({ HERALD_FILE_MAX_MB: "1" });

let alice: Client;
let bob: Client;
let dm: string;

/** A 160×100 PNG (a blue-green gradient), encoded here: the test needs no image files. */
function png(width: number, height: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([40, 90 + Math.round((x / width) * 120), 160 - y], 1 + x * 3);
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([len, Buffer.from(type), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
const PNG = png(160, 100);
const PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

app.setup(async () => {
  alice = await makeUser(app.admin, "alice");
  bob = await makeUser(app.admin, "bob");
  dm = unwrap<{ id: string }>(await alice.post("/dms", { userIds: [bob.user.id] }), "room").id;
});

const box = (p: Page) => p.locator(".room .composer textarea");
const rows = (p: Page) => p.getByRole("list", { name: "Messages" }).locator("li[data-message-id]");

/** How many of the DM's messages carry a file of this name (the server's word, not the screen's). */
async function sentWith(name: string): Promise<number> {
  const got = await alice.get<{ messages: { files?: { name: string }[] }[] }>(
    `/rooms/${dm}/messages?limit=50`,
  );
  return got.messages.filter((m) => m.files?.some((f) => f.name === name)).length;
}

/** Fires a paste or a drop carrying one file, as the browser does for a pasted screenshot or a dragged file. */
async function give(p: Page, how: "paste" | "drop", name: string, type: string, content: string) {
  // Fired by hand, so nothing waits for the box as a click would: a page just opened may not show it yet.
  await box(p).waitFor();
  await p.evaluate(
    ({ how, name, type, content }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], name, { type }));
      const textarea = document.querySelector(".room .composer textarea") as HTMLTextAreaElement;
      const init = { bubbles: true, cancelable: true };
      if (how === "paste")
        textarea.dispatchEvent(new ClipboardEvent("paste", { ...init, clipboardData: dt }));
      else {
        const form = textarea.closest("form") as HTMLFormElement;
        form.dispatchEvent(new DragEvent("dragover", { ...init, dataTransfer: dt }));
        form.dispatchEvent(new DragEvent("drop", { ...init, dataTransfer: dt }));
      }
    },
    { how, name, type, content },
  );
}

test("files: attach by button, paste and drop; the other user gets a banner and sees the image previewed", async () => {
  const b = await app.as(bob, "/chat");
  await setFocus(b, false);
  const a = await app.as(alice, `/chat/${dm}`);

  // The Attach button opens the file picker; the file waits beside the box until sent.
  const [chooser] = await Promise.all([
    a.waitForEvent("filechooser"),
    a.getByRole("button", { name: "Attach a file" }).click(),
  ]);
  await chooser.setFiles({ name: "mockup.png", mimeType: "image/png", buffer: PNG });
  await a.getByLabel("Attached file").filter({ hasText: "mockup.png" }).waitFor();
  await shot(a, "files-attached-desktop");
  await box(a).press("Enter");
  await a.getByLabel("Attached file").waitFor({ state: "detached" });
  const preview = rows(a).locator('img[alt="mockup.png"]');
  await preview.waitFor();

  // Bob is elsewhere: a banner says who sent which file (core's words), with no text to show.
  const banner = await until("bob's banner for the file", async () => {
    const rec = await recorded(b);
    return rec.banners.find((x) => x.body.includes("mockup.png"));
  });
  assert.equal(banner.title, "Alice");
  assert.equal(banner.body, "Alice sent a file: mockup.png");

  // A PDF pasted into the box, sent with words; a text file dropped on the box.
  await give(a, "paste", "plan.pdf", "application/pdf", PDF);
  await a.getByLabel("Attached file").filter({ hasText: "plan.pdf" }).waitFor();
  await box(a).fill("the plan for **Monday**");
  await box(a).press("Enter");
  await rows(a)
    .filter({ hasText: "the plan for Monday" })
    .getByRole("link", { name: /plan\.pdf/ })
    .waitFor();
  await give(a, "drop", "notes.txt", "text/plain", "remember the milk");
  await a.getByLabel("Attached file").filter({ hasText: "notes.txt" }).waitFor();
  await a.getByRole("button", { name: "Send" }).click();
  await rows(a)
    .getByRole("link", { name: /notes\.txt/ })
    .waitFor();
  // The row can come by its frame before the send's answer: the box is free again once the file leaves it.
  await a.getByLabel("Attached file").waitFor({ state: "detached" });

  // Bob opens the DM: the image is shown (its bytes served to him as a member), the others are downloads.
  await b.getByRole("link", { name: /Alice/ }).first().click();
  const seen = rows(b).locator('img[alt="mockup.png"]');
  await seen.waitFor();
  await until("the preview has loaded", async () =>
    seen.evaluate((img: HTMLImageElement) => img.naturalWidth === 160),
  );
  const pdf = rows(b).getByRole("link", { name: /plan\.pdf/ });
  assert.match((await pdf.getAttribute("href")) ?? "", /^\/api\/v1\/files\//);
  assert.equal(await pdf.getAttribute("download"), "plan.pdf");
  await rows(b)
    .getByRole("link", { name: /notes\.txt/ })
    .waitFor();
  await shot(b, "files-room-desktop");
  // A file too large or of an unknown kind is refused in words next to the box, and stays attached to retry.
  await give(a, "paste", "data.bin", "application/octet-stream", "\u0000\u0001\u0002binary");
  await box(a).press("Enter");
  await a
    .getByRole("alert")
    .filter({ hasText: "Could not send data.bin: this kind of file cannot be sent" })
    .waitFor();
  await a.getByRole("button", { name: "Remove data.bin" }).click();
  await a.getByLabel("Attached file").waitFor({ state: "detached" });
  await give(a, "drop", "huge.txt", "text/plain", "x".repeat(3 * 1024 * 1024));
  await box(a).press("Enter");
  await a
    .getByRole("alert")
    .filter({ hasText: "Could not send huge.txt: the file is larger than 1 MB" })
    .waitFor();
  await a.getByRole("button", { name: "Remove huge.txt" }).click();
  // Offline, the file is not lost: the reason is said in words, and Enter sends it once connected again.
  await a.context().setOffline(true);
  await give(a, "paste", "later.txt", "text/plain", "for later");
  await box(a).press("Enter");
  await a.getByRole("alert").filter({ hasText: "Could not send later.txt: you are offline" }).waitFor();
  await a.context().setOffline(false);
  await box(a).press("Enter");
  await rows(a)
    .getByRole("link", { name: /later\.txt/ })
    .waitFor();
  await a.getByLabel("Attached file").waitFor({ state: "detached" });
  assert.equal(await sentWith("later.txt"), 1, "the file sent once connected is sent exactly once");
});

test("files: the image preview and the attach button fit a 390-px-wide phone screen", async () => {
  const b = await app.as(bob, `/chat/${dm}`, PHONE);
  await rows(b).locator('img[alt="mockup.png"]').waitFor();
  await b.getByRole("button", { name: "Attach a file" }).waitFor();
  const width = await b.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page scrolls sideways: ${width}px`);
  await shot(b, "files-room-phone");
});

test("files: a file attached, or words typed, while the previous file is still on its way stay in the box", async () => {
  const a = await app.as(alice, `/chat/${dm}`);
  // The first send's answer is held until the next file is attached, as on a loaded machine: its message is
  // already on screen by its frame, and the box still holds what is being sent.
  const first = await holdAnswer(a, "**/api/v1/rooms/*/files");
  await give(a, "paste", "first.txt", "text/plain", "the first file");
  await box(a).fill("first words");
  await box(a).press("Enter");
  await rows(a)
    .filter({ hasText: "first words" })
    .getByRole("link", { name: /first\.txt/ })
    .waitFor();
  await a.getByRole("button", { name: "Sending…" }).waitFor();
  await give(a, "drop", "second.txt", "text/plain", "the second file");
  await a.getByLabel("Attached file").filter({ hasText: "second.txt" }).waitFor();
  await box(a).fill("second words");
  first.release();
  // Answered: the box is free again and keeps what came after the first send.
  await a.getByRole("button", { name: "Send", exact: true }).waitFor();
  assert.equal(
    await a.getByLabel("Attached file").filter({ hasText: "second.txt" }).count(),
    1,
    "the file attached meanwhile is still attached",
  );
  assert.equal(await box(a).inputValue(), "second words", "the words typed meanwhile are still in the box");
  await box(a).press("Enter");
  await rows(a)
    .filter({ hasText: "second words" })
    .getByRole("link", { name: /second\.txt/ })
    .waitFor();
  await a.getByLabel("Attached file").waitFor({ state: "detached" });
  assert.equal(await box(a).inputValue(), "");
  assert.equal(await sentWith("first.txt"), 1);
  assert.equal(await sentWith("second.txt"), 1);
});

test("files: Enter twice, then a click on Send, while a file is on its way sends it once", async () => {
  const a = await app.as(alice, `/chat/${dm}`);
  const posts = postsTo(a, `/api/v1/rooms/${dm}/files`);
  const held = await holdAnswer(a, "**/api/v1/rooms/*/files");
  await give(a, "paste", "once.txt", "text/plain", "sent once");
  await a.getByLabel("Attached file").filter({ hasText: "once.txt" }).waitFor();
  await box(a).fill("with these words");
  await box(a).press("Enter");
  await box(a).press("Enter");
  await held.atServer;
  await a.locator(".room .composer button[type=submit]").click({ force: true });
  const label = await a.locator(".room .composer button[type=submit]").textContent();
  held.release();
  await a.getByLabel("Attached file").waitFor({ state: "detached" });
  await until("the box is empty", async () => (await box(a).inputValue()) === "");
  assert.equal(posts(), 1, "one send left the page");
  assert.equal(await sentWith("once.txt"), 1, "sent exactly once");
  await rows(a)
    .getByRole("link", { name: /once\.txt/ })
    .waitFor();
  assert.equal(await rows(a).filter({ hasText: "with these words" }).count(), 1, "shown once");
  assert.equal(label, "Sending…", "Send said the file was on its way");
});
