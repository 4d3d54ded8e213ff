/**
 * Child-process host for the delivery benchmark: runs the push-service peer (still verifying VAPID and
 * decrypting every body, but not storing them) and the SMTP peer (no MIME parsing), so the sender's
 * event loop in the parent measures only the sender. Talks to the parent over IPC.
 */
import { startApnsPeer } from "./apns-peer.ts";
import { startFcmPeer } from "./fcm-peer.ts";
import { makeNativeCreds } from "./native-creds.ts";
import { startPushService } from "./push-service.ts";
import { startSmtpPeer } from "./smtp-peer.ts";
import { testTls } from "./test-ca.ts";

type Request =
  | { id: number; cmd: "subscribe"; n: number }
  | { id: number; cmd: "native-devices"; n: number }
  | { id: number; cmd: "stats" }
  | { id: number; cmd: "stop" };

let accepted = 0;
// BENCH_PEER_DELAY_MS: the push service answers that long after each request (a round trip across a network).
const push = await startPushService({ record: false, delayMs: Number(process.env.BENCH_PEER_DELAY_MS ?? 0) });
const smtp = await startSmtpPeer({ parse: false });
// APNs and FCM peers still check every provider token / OAuth2 grant, header and message, without storing.
const APP = "com.example.herald";
const creds = makeNativeCreds();
const apns = await startApnsPeer(creds, { bundleIds: [APP], record: false });
const fcm = await startFcmPeer(creds, { record: false });

// Count accepted pushes without keeping them: rejected ones are listed by the peer itself.
const countingOrigin = push.origin;

process.on("message", async (raw) => {
  const req = raw as Request;
  if (req.cmd === "subscribe") {
    const subs = Array.from({ length: req.n }, () => push.subscribe());
    process.send?.({ id: req.id, subs });
  } else if (req.cmd === "native-devices") {
    const ios = Array.from({ length: req.n }, () => apns.device());
    const android = Array.from({ length: req.n }, () => fcm.device());
    process.send?.({ id: req.id, ios, android });
  } else if (req.cmd === "stats") {
    accepted = push.acceptedCount();
    process.send?.({
      id: req.id,
      accepted,
      rejected: push.rejected.length,
      firstRejection: push.rejected[0],
      mails: smtp.received.length,
      apns: {
        accepted: apns.acceptedCount(),
        rejected: apns.rejected.length,
        firstRejection: apns.rejected[0],
        sessions: apns.sessions(),
        jwts: apns.distinctJwts(),
      },
      fcm: {
        accepted: fcm.acceptedCount(),
        rejected: fcm.rejected.length,
        firstRejection: fcm.rejected[0],
        grants: fcm.grants(),
      },
    });
  } else {
    await push.stop();
    await smtp.stop();
    await apns.stop();
    await fcm.stop();
    process.send?.({ id: req.id });
    process.exit(0);
  }
});
process.send?.({
  ready: true,
  pushOrigin: countingOrigin,
  smtpUrl: smtp.url,
  native: {
    app: APP,
    apnsOrigin: apns.origin,
    fcmOrigin: fcm.origin,
    fcmTokenUri: fcm.tokenUri,
    caPath: testTls().caPath,
    apnsKeyPath: creds.apnsKeyPath,
    apnsKeyId: creds.apnsKeyId,
    apnsTeamId: creds.apnsTeamId,
    fcmServiceAccountPath: creds.fcmServiceAccountPath,
  },
});
