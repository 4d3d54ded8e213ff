// [PSH-8] Webhook destinations: a member cannot make the worker POST signed message text into the operator's
// network. Refused at registration (the URL's text and what its name resolves to) and again when the worker
// connects (every resolved address), so a name that later resolves to loopback (DNS rebinding) is refused too;
// HERALD_WEBHOOK_ALLOW_HOSTS lets an operator reach an on-premise relay.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  checkDestination,
  NO_EXCEPTIONS,
  parseAllowList,
  refusedAddress,
} from "../../src/channels/destinations.ts";
import { WebhookSender } from "../../src/channels/webhook.ts";
import { type Harness, harness } from "../http/harness.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../peers/webhook-receiver.ts";

const REFUSED = [
  "169.254.169.254", // cloud metadata (link-local)
  "127.0.0.1",
  "127.1.2.3",
  "10.0.0.1",
  "172.16.5.4",
  "192.168.1.1",
  "100.64.0.1", // CGNAT
  "100.100.100.200", // a cloud's metadata inside CGNAT space
  "0.0.0.0",
  "224.0.0.1",
  "255.255.255.255",
  "::",
  "::1",
  "::ffff:127.0.0.1", // IPv4-mapped loopback
  "::ffff:a9fe:a9fe", // IPv4-mapped metadata, hex form
  "64:ff9b::a00:1", // NAT64 of 10.0.0.1
  "fe80::1",
  "fd00:ec2::254", // a cloud's IPv6 metadata (unique local)
  "fc00::1",
  "ff02::1",
  "2002:7f00:1::1", // 6to4 of 127.0.0.1
];
const PUBLIC = ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "::ffff:1.1.1.1", "64:ff9b::101:101"];

test("[PSH-8] private, loopback, link-local, unique-local, CGNAT, multicast and mapped addresses are refused by default", () => {
  for (const a of REFUSED) assert.ok(refusedAddress(a, NO_EXCEPTIONS), `${a} must be refused`);
  for (const a of PUBLIC) assert.equal(refusedAddress(a, NO_EXCEPTIONS), null, `${a} is public`);
});

test("[PSH-8] the operator's allow list admits exactly the listed ranges and hosts", () => {
  const policy = parseAllowList("10.20.0.0/16, relay.internal fd12::/16 192.168.7.7");
  assert.equal(refusedAddress("10.20.3.4", policy), null);
  assert.equal(refusedAddress("::ffff:10.20.3.4", policy), null, "a mapped form of an allowed address");
  assert.equal(refusedAddress("fd12::9", policy), null);
  assert.equal(refusedAddress("192.168.7.7", policy), null);
  assert.ok(refusedAddress("10.21.0.1", policy), "next to the range is still refused");
  assert.ok(refusedAddress("127.0.0.1", policy));
  assert.ok(refusedAddress("192.168.7.8", policy));
  assert.throws(() => parseAllowList("10.0.0.0/99"), /CIDR/);
  assert.throws(() => parseAllowList("bad_host!"), /neither/);
});

test("[PSH-8] registration judges every address a name resolves to", async () => {
  const resolveTo = (list: string[]) => async () => list;
  const mixed = await checkDestination(
    "https://hooks.example.com/x",
    NO_EXCEPTIONS,
    resolveTo(["1.1.1.1", "10.0.0.1"]),
  );
  assert.equal(mixed.ok, false, "one private address among public ones is enough to refuse");
  const pub = await checkDestination("https://hooks.example.com/x", NO_EXCEPTIONS, resolveTo(["1.1.1.1"]));
  assert.deepEqual(pub, { ok: true });
  const none = await checkDestination("https://nowhere.invalid/x", NO_EXCEPTIONS, async () => {
    throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
  });
  assert.equal(none.ok, false);
  assert.equal((await checkDestination("https://user:pw@1.1.1.1/", NO_EXCEPTIONS)).ok, false);
});

describe("[PSH-8] webhook registration over HTTP", () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  test("[PSH-8] the issue's SSRF targets answer 400 destination_not_allowed and store nothing", async () => {
    const bob = await h.user("member");
    const count = async () =>
      Number(
        (
          await h.services.store.db
            .selectFrom("push_subscriptions")
            .select((e) => e.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    for (const url of [
      "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "http://localhost:6379/",
      "http://10.0.0.1/",
      "http://[::1]:5432/",
      "http://[::ffff:127.0.0.1]:8460/",
      "http://0x7f000001/",
      "http://2130706433/",
      "http://127.1/",
      "http://metadata.google.internal./computeMetadata/v1/",
    ]) {
      const r = await h.app.inject({
        method: "POST",
        url: "/api/v1/push/subscriptions",
        headers: bob.h,
        payload: { deviceId: "d1", deviceKind: "mobile", type: "webhook", url },
      });
      assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
      assert.equal(r.json().error.code, "destination_not_allowed", url);
      assert.equal(r.json().error.field, "url");
    }
    assert.equal(await count(), before, "nothing was written");
  });
});

describe("[PSH-8] the worker checks at connect time", () => {
  let receiver: WebhookReceiver;
  before(async () => {
    receiver = await startWebhookReceiver("s");
  });
  after(() => receiver.stop());
  const port = () => new URL(receiver.url).port;

  test("[PSH-8] a name resolving to loopback when the worker connects (rebinding) is refused; the address literal too", async () => {
    const sender = new WebhookSender({ clock: { now: () => Date.now() } });
    try {
      // `localhost` stands for a name that resolved to a public address at registration and to 127.0.0.1 now.
      const byName = await sender.send({ url: `http://localhost:${port()}/hook`, secret: "s" }, { a: 1 });
      assert.equal(byName.kind, "failed", JSON.stringify(byName));
      assert.match((byName as { reason: string }).reason, /not allowed/);
      const literal = await sender.send({ url: `http://[::ffff:127.0.0.1]:${port()}/hook`, secret: "s" }, {});
      assert.equal(literal.kind, "failed", JSON.stringify(literal));
      // Proof of absence: the allowed sender below reaches the receiver, and it is the only request it got.
      const allowed = new WebhookSender({
        clock: { now: () => Date.now() },
        destinations: parseAllowList("localhost"),
      });
      try {
        const ok = await allowed.send({ url: `http://localhost:${port()}/hook`, secret: "s" }, { b: 2 });
        assert.equal(ok.kind, "sent", JSON.stringify(ok));
      } finally {
        allowed.close();
      }
      assert.equal(receiver.received.length, 1, "only the allowed sender's request arrived");
      assert.deepEqual(receiver.received[0].json, { b: 2 });
    } finally {
      sender.close();
    }
  });
});

describe("[PSH-7] Web Push endpoints are judged like webhook URLs", () => {
  let h: Harness;
  before(async () => {
    // As installed: no exceptions (the test config otherwise allows the loopback push peers).
    h = await harness({ config: { pushAllowHosts: NO_EXCEPTIONS } });
  });
  after(() => h.close());

  test("[PSH-7] a push subscription to a private, loopback or metadata address answers 400 and stores nothing", async () => {
    const bob = await h.user("member");
    const keys = {
      p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
      auth: "tBHItJI5svbpez7KI4CCXg",
    };
    for (const endpoint of [
      "http://169.254.169.254/latest/meta-data/",
      "http://127.0.0.1:6379/",
      "http://localhost:5432/",
      "http://10.1.2.3/push",
    ]) {
      const r = await h.app.inject({
        method: "POST",
        url: "/api/v1/push/subscriptions",
        headers: bob.h,
        payload: { deviceId: "d1", deviceKind: "mobile", endpoint, keys },
      });
      assert.equal(r.statusCode, 400, `${endpoint}: ${r.body}`);
      assert.equal(r.json().error.code, "destination_not_allowed", endpoint);
      assert.equal(r.json().error.field, "endpoint");
    }
    const list = await h.app.inject({ method: "GET", url: "/api/v1/push/subscriptions", headers: bob.h });
    assert.deepEqual(list.json().subscriptions, []);
  });
});
