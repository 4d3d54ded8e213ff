/**
 * Child-process host for the delivery benchmark: runs the push-service peer (still verifying VAPID and
 * decrypting every body, but not storing them) and the SMTP peer (no MIME parsing), so the sender's
 * event loop in the parent measures only the sender. Talks to the parent over IPC.
 */
import { startPushService } from "./push-service.ts";
import { startSmtpPeer } from "./smtp-peer.ts";

type Request =
  | { id: number; cmd: "subscribe"; n: number }
  | { id: number; cmd: "stats" }
  | { id: number; cmd: "stop" };

let accepted = 0;
const push = await startPushService({ record: false });
const smtp = await startSmtpPeer({ parse: false });

// Count accepted pushes without keeping them: rejected ones are listed by the peer itself.
const countingOrigin = push.origin;

process.on("message", async (raw) => {
  const req = raw as Request;
  if (req.cmd === "subscribe") {
    const subs = Array.from({ length: req.n }, () => push.subscribe());
    process.send?.({ id: req.id, subs });
  } else if (req.cmd === "stats") {
    accepted = push.acceptedCount();
    process.send?.({
      id: req.id,
      accepted,
      rejected: push.rejected.length,
      firstRejection: push.rejected[0],
      mails: smtp.received.length,
    });
  } else {
    await push.stop();
    await smtp.stop();
    process.send?.({ id: req.id });
    process.exit(0);
  }
});
process.send?.({ ready: true, pushOrigin: countingOrigin, smtpUrl: smtp.url });
