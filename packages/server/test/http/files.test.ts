// Files sent with messages, through the real routes on either store (HERALD_TEST_STORE): upload, the type read
// from the content, who may fetch a file (GEN-5), the limits, deletion with the message, and what a file-only
// message says in a banner, a push and an e-mail.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { messageEmail } from "../../src/channels/email/index.ts";
import { messagePush } from "../../src/channels/push-payload.ts";
import { loadConfig } from "../../src/config.ts";
import { SqlGatewayStore } from "../../src/gateway/sql-store.ts";
import { context, item } from "../channels/email-fixtures.ts";
import { channel, notifyOf, until, withBob } from "../gateway/helpers/bob-socket.ts";
import { form, type Part, PNG } from "../helpers/multipart.ts";
import type { Harness, TestUser } from "./harness.ts";
import { harness } from "./harness.ts";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** Every stored file's name under the data folder (".part" files included). */
function storedFiles(h: Harness): string[] {
  const root = join(h.services.config.dataDir, "files");
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name);
}

describe("files", () => {
  let h: Harness;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let roomId: string;

  const upload = (u: TestUser, parts: Part[], room = roomId) => {
    const f = form(parts);
    return h.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${room}/files`,
      headers: { ...u.h, ...f.headers },
      payload: f.payload,
    });
  };
  const get = (u: TestUser | null, url: string) =>
    h.app.inject({ method: "GET", url: `/api/v1${url}`, headers: u?.h ?? {} });

  before(async () => {
    h = await harness({ config: { fileMaxMb: 1 } });
    alice = await h.user("member", "alice");
    bob = await h.user("member", "bob");
    carol = await h.user("member", "carol");
    const r = await h.app.inject({
      method: "POST",
      url: "/api/v1/rooms",
      headers: alice.h,
      payload: { kind: "channel", name: "plans", memberIds: [bob.id] },
    });
    roomId = r.json().room.id;
  });
  after(() => h.close());

  test("[GEN-5] an image posts as a message with its file; members get it inline, others a 404", async () => {
    const r = await upload(alice, [
      { name: "text", value: "the **mockup**" },
      { name: "file", value: PNG, filename: "mockup.png", type: "image/png" },
    ]);
    assert.equal(r.statusCode, 201, r.body);
    const message = r.json().message;
    assert.equal(message.text, "the **mockup**");
    assert.equal(message.files.length, 1);
    const file = message.files[0];
    assert.deepEqual(
      { ...file, id: "" },
      { id: "", name: "mockup.png", type: "image/png", size: PNG.length },
    );

    const page = (await get(bob, `/rooms/${roomId}/messages`)).json().messages;
    assert.deepEqual(page.at(-1).files, [file], "the history carries the file");
    // A socket that reconnects is sent the messages it missed with their files too (GEN-7).
    const missed = await new SqlGatewayStore(h.services.store.db).messagesAfter(roomId, 0, 100);
    assert.deepEqual(missed.find((m) => m.id === message.id)?.files, [file]);

    const served = await get(bob, `/files/${file.id}`);
    assert.equal(served.statusCode, 200);
    assert.deepEqual(served.rawPayload, PNG);
    assert.equal(served.headers["content-type"], "image/png");
    assert.equal(served.headers["x-content-type-options"], "nosniff");
    assert.match(String(served.headers["content-disposition"]), /^inline; filename="mockup.png"/);

    const stranger = await get(carol, `/files/${file.id}`);
    assert.equal(stranger.statusCode, 404);
    assert.equal(stranger.json().error.code, "file_not_found");
    assert.equal((await get(null, `/files/${file.id}`)).statusCode, 401);
    assert.equal((await get(bob, "/files/nosuchfile123")).statusCode, 404);
    // A stranger cannot post into the room either, and nothing reaches the disk.
    const before = storedFiles(h).length;
    const denied = await upload(carol, [{ name: "file", value: PNG, filename: "x.png" }]);
    assert.equal(denied.statusCode, 404);
    assert.equal(storedFiles(h).length, before);
  });

  test("the type is read from the content, never the name: a page named .png is text, served as a download", async () => {
    const page = await upload(alice, [
      {
        name: "file",
        value: "<html><script>alert(1)</script></html>",
        filename: "cat.png",
        type: "image/png",
      },
    ]);
    assert.equal(page.statusCode, 201, page.body);
    const file = page.json().message.files[0];
    assert.equal(file.type, "text/plain");
    const served = await get(bob, `/files/${file.id}`);
    assert.equal(served.headers["content-type"], "text/plain; charset=utf-8");
    assert.match(String(served.headers["content-disposition"]), /^attachment; filename="cat.png"/);
    assert.match(String(served.headers["content-security-policy"]), /sandbox/);

    const pdf = await upload(alice, [{ name: "file", value: PDF, filename: "plan.pdf" }]);
    assert.equal(pdf.statusCode, 201, pdf.body);
    assert.equal(pdf.json().message.files[0].type, "application/pdf");
    assert.equal(pdf.json().message.text, "", "a file-only message has no words");
    // Explain names the message by the same line its banner showed.
    const explained = await get(bob, `/notifications/explain?message=${pdf.json().message.id}`);
    assert.equal(explained.statusCode, 200, explained.body);
    assert.equal(explained.json().subject.firstLine, "alice sent a file: plan.pdf");
    const download = await get(bob, `/files/${pdf.json().message.files[0].id}`);
    assert.match(String(download.headers["content-disposition"]), /^attachment; filename="plan.pdf"/);

    const named = await upload(alice, [{ name: "file", value: PDF, filename: "../../etc/Plän\t.pdf" }]);
    assert.equal(named.json().message.files[0].name, "Plän .pdf", "no path parts, one line");
    const disposition = String(
      (await get(bob, `/files/${named.json().message.files[0].id}`)).headers["content-disposition"],
    );
    assert.ok(disposition.includes("filename*=UTF-8''Pl%C3%A4n%20.pdf"), disposition);
  });

  test("[GEN-4] bad uploads are 4xx with a stable code and leave no row and no bytes behind", async () => {
    const count = async () =>
      Number(
        (
          await h.services.store.db
            .selectFrom("messages")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const messages = await count();
    const files = storedFiles(h).length;
    const cases: [
      string,
      Promise<{ statusCode: number; json(): { error: { code: string } } }>,
      number,
      string,
    ][] = [
      [
        "too large",
        upload(alice, [{ name: "file", value: Buffer.alloc(1024 * 1024 + 1, 0x41), filename: "big.txt" }]),
        413,
        "file_too_large",
      ],
      [
        "unknown binary",
        upload(alice, [
          { name: "file", value: Buffer.from([0, 1, 2, 3, 0, 0xff, 0xfe, 7]), filename: "x.png" },
        ]),
        415,
        "unsupported_file_type",
      ],
      ["no file", upload(alice, [{ name: "text", value: "hello" }]), 400, "missing_file"],
      ["empty file", upload(alice, [{ name: "file", value: "", filename: "empty.txt" }]), 400, "empty_file"],
      [
        "two files",
        upload(alice, [
          { name: "file", value: PNG, filename: "a.png" },
          { name: "file", value: PNG, filename: "b.png" },
        ]),
        400,
        "too_many_files",
      ],
      [
        "unknown field",
        upload(alice, [
          { name: "zz", value: "1" },
          { name: "file", value: PNG, filename: "a.png" },
        ]),
        400,
        "unknown_field",
      ],
      [
        "bad thread root",
        upload(alice, [
          { name: "threadRootId", value: "nosuchmessage1" },
          { name: "file", value: PNG, filename: "a.png" },
        ]),
        404,
        "message_not_found",
      ],
      [
        "JSON instead of a form",
        h.app.inject({
          method: "POST",
          url: `/api/v1/rooms/${roomId}/files`,
          headers: alice.h,
          payload: { text: "hi" },
        }),
        400,
        "unexpected_body",
      ],
    ];
    for (const [name, res, status, code] of cases) {
      const r = await res;
      assert.equal(r.statusCode, status, `${name}: ${JSON.stringify(r.json())}`);
      assert.equal(r.json().error.code, code, name);
    }
    assert.equal(await count(), messages, "no message was written");
    assert.deepEqual(storedFiles(h).length, files, "no bytes were kept");
  });

  test("a file goes into a thread too; a file message's caption can be edited away, and the edit keeps the file", async () => {
    const root = await upload(alice, [
      { name: "text", value: "root" },
      { name: "file", value: PNG, filename: "r.png" },
    ]);
    const reply = await upload(alice, [
      { name: "threadRootId", value: root.json().message.id },
      { name: "file", value: PDF, filename: "reply.pdf" },
    ]);
    assert.equal(reply.statusCode, 201, reply.body);
    assert.equal(reply.json().message.threadRootId, root.json().message.id);
    assert.equal(reply.json().message.alsoInRoom, false);
    const edit = await h.app.inject({
      method: "PATCH",
      url: `/api/v1/messages/${root.json().message.id}`,
      headers: alice.h,
      payload: { text: "" },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    assert.equal(edit.json().message.text, "");
    assert.equal(edit.json().message.files[0].name, "r.png");
    // A message without files still needs words.
    const plain = await h.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${roomId}/messages`,
      headers: alice.h,
      payload: { text: "words" },
    });
    const blank = await h.app.inject({
      method: "PATCH",
      url: `/api/v1/messages/${plain.json().message.id}`,
      headers: alice.h,
      payload: { text: " " },
    });
    assert.equal(blank.json().error.code, "empty_text");
  });

  test("deleting the message deletes its file: the row, the bytes, and every later fetch is a 404", async () => {
    const r = await upload(alice, [{ name: "file", value: PDF, filename: "gone.pdf" }]);
    const { id, files } = r.json().message;
    assert.ok(storedFiles(h).includes(files[0].id));
    const del = await h.app.inject({ method: "DELETE", url: `/api/v1/messages/${id}`, headers: alice.h });
    assert.equal(del.statusCode, 200, del.body);
    assert.equal((await get(bob, `/files/${files[0].id}`)).statusCode, 404);
    assert.equal((await get(alice, `/files/${files[0].id}`)).statusCode, 404);
    assert.ok(!storedFiles(h).includes(files[0].id), "the bytes are gone");
    const row = await h.services.store.db
      .selectFrom("files")
      .select("id")
      .where("id", "=", files[0].id)
      .executeTakeFirst();
    assert.equal(row, undefined);
    assert.equal((await get(bob, `/messages/${id}`)).json().message.files, undefined);
  });
});

test("[DSK-4] a file-only message notifies like a message: bob's banner says who sent which file", async () => {
  await withBob(async ({ h, alice, bob, frames }) => {
    const room = await channel(h, alice, [bob], frames);
    const f = form([
      { name: "text", value: "@bob" },
      { name: "file", value: PDF, filename: "brief.pdf" },
    ]);
    // With words, the words are the line…
    const worded = await h.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${room}/files`,
      headers: { ...alice.h, ...f.headers },
      payload: f.payload,
    });
    assert.equal(worded.statusCode, 201, worded.body);
    const dm = await h.app.inject({
      method: "POST",
      url: "/api/v1/dms",
      headers: alice.h,
      payload: { userIds: [bob.id] },
    });
    assert.ok(dm.statusCode < 300, dm.body);
    const g = form([{ name: "file", value: PDF, filename: "plan.pdf" }]);
    const only = await h.app.inject({
      method: "POST",
      url: `/api/v1/rooms/${dm.json().room.id}/files`,
      headers: { ...alice.h, ...g.headers },
      payload: g.payload,
    });
    assert.equal(only.statusCode, 201, only.body);
    const id = only.json().message.id;
    await until(() => !!notifyOf(frames, id), "notify of the file");
    assert.deepEqual(notifyOf(frames, id)!.banner, {
      title: "alice",
      body: "alice sent a file: plan.pdf",
      senderId: alice.id,
    });
    // …and the message frame carries the file, so bob's open room shows it without asking again.
    const frame = frames.find((x) => x.t === "message" && (x.message as { id: string }).id === id);
    assert.equal((frame?.message as { files: { name: string }[] }).files[0].name, "plan.pdf");
    await until(() => !!notifyOf(frames, worded.json().message.id), "notify of the worded file");
    assert.equal((notifyOf(frames, worded.json().message.id)!.banner as { body: string }).body, "@bob");
  });
});

test("[PRV-1] [EML-4] the push and the e-mail of a file-only message say who sent which file", () => {
  const push = messagePush({
    mode: "full",
    messageId: "m1",
    roomId: "r1",
    roomKind: "dm",
    roomName: "",
    trigger: "dm",
    sender: { id: "u1", name: "Alice" },
    text: "",
    files: ["plan.pdf"],
    badge: 1,
    sentAt: 0,
  });
  assert.equal((push.payload as { body?: string }).body, "Alice sent a file: plan.pdf");
  const mail = messageEmail(context(), {
    deliveryId: "d1",
    mode: "full",
    items: [item({ text: "", files: ["plan.pdf"] })],
  });
  assert.ok(mail.text.includes("Alice sent a file: plan.pdf"), mail.text);
});

test("HERALD_FILE_MAX_MB is validated at boot with the other settings: 25 MB by default, 1–2048", () => {
  const defaults = loadConfig({});
  assert.ok(defaults.ok);
  assert.equal(defaults.config.fileMaxMb, 25);
  const set = loadConfig({ HERALD_FILE_MAX_MB: "100" });
  assert.ok(set.ok && set.config.fileMaxMb === 100);
  for (const raw of ["0", "2049", "ten", "1.5"]) {
    const bad = loadConfig({ HERALD_FILE_MAX_MB: raw, HERALD_RATE_WS_PER_SEC: "0" });
    assert.ok(!bad.ok);
    assert.equal(bad.errors.length, 2, "every error at once");
    assert.match(bad.errors.join("\n"), /HERALD_FILE_MAX_MB/);
  }
});
