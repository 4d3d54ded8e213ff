// PSH-8: webhook targets get a JSON POST signed with HMAC-SHA256 through the scheduler, against the real
// webhook receiver peer; 5xx is retried (PSH-7) and the target is reached once.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { parseAllowList } from "../../src/channels/destinations.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../peers/webhook-receiver.ts";
import { type JobsFixture, jobsFixture } from "./fixture.ts";

let f: JobsFixture;
let hook: WebhookReceiver;
const SECRET = "webhook-test-secret-0123456789abcdef";

before(async () => {
  // The receiver peer listens on loopback, which webhooks may reach only when the operator allows it.
  f = await jobsFixture({ webhookAllowHosts: parseAllowList("127.0.0.1") });
  hook = await startWebhookReceiver(SECRET, () => f.h.clock.now());
});
after(async () => {
  await f.close();
  await hook.stop();
});

test("[PSH-8] a webhook target gets the push as a signed JSON POST; 5xx retried, delivered once", async () => {
  const alice = await f.h.user("member");
  const bob = await f.h.user("member");
  const room = await f.room(alice, [bob]);
  const r = await f.h.app.inject({
    method: "POST",
    url: "/api/v1/push/subscriptions",
    headers: bob.h,
    payload: { deviceId: "bridge-1", deviceKind: "mobile", type: "webhook", url: `${hook.url}/herald` },
  });
  assert.equal(r.statusCode, 201, r.body);
  assert.ok(r.json().secret, "the secret is shown once");
  // The receiver peer is built with a known secret; give the target that secret (the route made its own).
  await f.h.services.store.db
    .updateTable("push_subscriptions")
    .set({ secret: SECRET })
    .where("id", "=", r.json().id)
    .execute();

  const msg = await f.post(alice, room, `@${bob.username} via the bridge`);
  await f.s.tick();
  assert.equal(hook.received.length, 1);
  const got = hook.received[0];
  assert.equal(got.verified, true, got.reason);
  assert.match(String(got.headers["x-herald-signature"]), /^sha256=[0-9a-f]{64}$/);
  const json = got.json as { type: string; id: string; trigger: string; tag: string };
  assert.deepEqual([json.type, json.id, json.trigger, json.tag], ["message", msg, "mention", `room-${room}`]);

  hook.scriptNext([{ status: 503 }]);
  const t0 = f.h.clock.now();
  const msg2 = await f.post(alice, room, `@${bob.username} second`);
  await f.s.tick();
  assert.equal(
    hook.received.filter((h) => h.verified).length,
    2,
    "the 503 answer counts as received, not accepted",
  );
  const due = (await f.dueAt(bob.id, "push")) as number;
  assert.ok(due > t0, "retry with backoff");
  f.h.clock.set(due);
  await f.s.tick();
  const accepted = hook.received.filter((h) => (h.json as { id?: string }).id === msg2);
  assert.equal(accepted.length, 2, "one refused attempt, then one delivery");
  f.h.clock.set(due + 3600_000);
  await f.s.tick();
  assert.equal(hook.received.filter((h) => (h.json as { id?: string }).id === msg2).length, 2, "never again");
});
