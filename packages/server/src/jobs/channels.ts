// The delivery channels the worker sends through, built from config and the store: Web Push (VAPID keys made
// at first start and kept in workspace_settings, PSH-7), webhooks (PSH-8), and email — SMTP when SMTP_URL is
// set, else the dev mailbox in the `emails` table (EML-9). Also the secret that signs unsubscribe links.

import type { EmailContext, EmailSender, MailboxPort, StoredEmail } from "../channels/email/index.ts";
import { createEmailSender } from "../channels/email/index.ts";
import { createNativePush, type NativePush, PushTally } from "../channels/native/index.ts";
import type { KeyValuePort } from "../channels/vapid.ts";
import { loadOrCreateVapidKeys, VapidSigner } from "../channels/vapid.ts";
import { WebhookSender } from "../channels/webhook.ts";
import { WebPushSender } from "../channels/webpush.ts";
import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import { publicUrlOf } from "../config.ts";
import { newSecret } from "../ids.ts";
import type { Db } from "../store/db.ts";

export interface Channels {
  webpush: WebPushSender;
  webhook: WebhookSender;
  /** APNs and FCM, own credentials or through a push proxy (native/index.ts). */
  native: NativePush;
  /** Per-platform outcomes and last-used devices of the running pass, stored after it (jobs/push.ts). */
  tally: PushTally;
  email: EmailSender;
  mailbox: MailboxPort;
  emailContext(recipient: EmailContext["recipient"], site: string): EmailContext;
  close(): Promise<void>;
}

export const UNSUBSCRIBE_SECRET_KEY = "email.unsubscribe_secret";

export function settingsKv(db: Db, clock: Clock): KeyValuePort {
  return {
    async get(key) {
      const r = await db
        .selectFrom("workspace_settings")
        .select("value")
        .where("key", "=", key)
        .executeTakeFirst();
      return r ? (JSON.parse(r.value) as string) : null;
    },
    async set(key, value) {
      await db
        .insertInto("workspace_settings")
        .values({ key, value: JSON.stringify(value), updated_at: clock.now() })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
    },
  };
}

/** Kept and reused like the VAPID keys: old emails' unsubscribe links must keep working. */
export async function unsubscribeSecret(kv: KeyValuePort): Promise<string> {
  const have = await kv.get(UNSUBSCRIBE_SECRET_KEY);
  if (have) return have;
  await kv.set(UNSUBSCRIBE_SECRET_KEY, newSecret());
  return (await kv.get(UNSUBSCRIBE_SECRET_KEY)) as string;
}

/** MailboxPort over the `emails` table; a save is idempotent per Message-ID (primary key). */
export function sqlMailbox(db: Db): MailboxPort {
  return {
    async save(e: StoredEmail) {
      await db
        .insertInto("emails")
        .values({
          message_id: e.messageId,
          user_id: e.userId ?? null,
          from_addr: e.from,
          to_addr: e.to,
          subject: e.subject,
          text: e.text,
          html: e.html,
          headers: JSON.stringify(e.headers),
          kind: e.kind,
          created_at: e.createdAt,
        })
        .onConflict((oc) => oc.column("message_id").doNothing())
        .execute();
    },
    async list(limit = 100) {
      const rows = await db
        .selectFrom("emails")
        .selectAll()
        .orderBy("created_at", "desc")
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        messageId: r.message_id,
        from: r.from_addr,
        to: r.to_addr,
        subject: r.subject,
        text: r.text,
        html: r.html,
        headers: JSON.parse(r.headers) as Record<string, string>,
        kind: r.kind,
        ...(r.user_id ? { userId: r.user_id } : {}),
        createdAt: Number(r.created_at),
      }));
    },
  };
}

export async function createChannels(db: Db, config: Config, clock: Clock): Promise<Channels> {
  const kv = settingsKv(db, clock);
  const keys = await loadOrCreateVapidKeys(kv);
  const secret = await unsubscribeSecret(kv);
  const base = publicUrlOf(config).replace(/\/$/, "");
  const host = new URL(base).hostname || "herald.local";
  const signer = new VapidSigner({ keys, subject: `mailto:${config.mailFrom}`, clock });
  const mailbox = sqlMailbox(db);
  const webpush = new WebPushSender({
    signer,
    clock,
    destinations: config.pushAllowHosts,
    maxSockets: config.pushInFlight,
  });
  const webhook = new WebhookSender({ clock, destinations: config.webhookAllowHosts });
  const email = createEmailSender({
    ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}),
    from: { name: "Herald", address: config.mailFrom },
    mailbox,
    clock,
  });
  const native = createNativePush(config, clock);
  return {
    webpush,
    webhook,
    native,
    tally: new PushTally(),
    email,
    mailbox,
    emailContext: (recipient, site) => ({
      site,
      baseUrl: base,
      messageIdHost: host,
      unsubscribeSecret: secret,
      recipient,
    }),
    async close() {
      webpush.close();
      webhook.close();
      native.close();
      await email.close();
    },
  };
}
