// Typing in a conversation is a passing state: the gateway hands conversation.typing to the user's sockets
// without a cursor and keeps nothing of it, so a resume after a drop never replays a stale "is typing" while
// an alert stop missed in the same drop still is.
import assert from "node:assert/strict";
import { test } from "node:test";
import { makeHarness } from "./helpers/harness.ts";

test("[GEN-7] conversation.typing reaches every socket of the user with no cursor and is never replayed on resume", async () => {
  const h = await makeHarness();
  h.store.addUser("ann");
  const one = await h.connect("ann", { deviceId: "laptop" });
  const two = await h.connect("ann", { deviceId: "phone" });
  const ready = one.flushToClient().find((f) => f.t === "ready");
  two.flushToClient();
  const typing = {
    t: "conversation.typing",
    conversationId: "c1",
    who: "contact",
    name: "Zoe",
    typing: true,
  } as const;
  await h.gateway.sendToUser("ann", typing);
  await h.settle();
  for (const s of [one, two]) {
    const got = s.flushToClient();
    assert.deepEqual(got, [typing], "as sent, no cursor");
  }
  // Dropped; meanwhile a typing signal and an alert stop. The resume brings the stop, not the typing.
  one.drop();
  await h.settle();
  await h.gateway.sendToUser("ann", typing);
  await h.gateway.sendToUser("ann", { t: "pending.stop", conversationId: "c1", inboxId: "i1" });
  await h.settle();
  const again = await h.connect("ann", {
    deviceId: "laptop",
    resume: { rooms: {}, userCursor: Number(ready?.userCursor ?? 0) },
  });
  const replayed = again.flushToClient().map((f) => f.t);
  assert.deepEqual(replayed, ["ready", "pending.stop"]);
  await h.close();
});
