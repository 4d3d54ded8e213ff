// The delivery outbox of the scheduler (jobs/), email batch windows, push subscriptions and the email log.
// Times are integer ms since the epoch.

/** pending → (claimed) → sent | dropped | failed; email candidates become `batched` inside an email batch. */
export type DeliveryState = "pending" | "claimed" | "batched" | "sent" | "dropped" | "failed";
/** push/email per user and message; room = one row per group-mention / trigger-`all` message, expanded at
 * send time; clear = PSH-3; call = CAL-1; support = SUP-9 / EML-8; batch = one email (EML-3); mail = a
 * ready-made email (verification, login alert); contact = an agent's reply a widget contact may get by email. */
export type DeliveryKind =
  | "push"
  | "email"
  | "room"
  | "clear"
  | "call"
  | "support"
  | "batch"
  | "mail"
  | "contact";

export interface DeliveriesTable {
  id: string;
  dedupe_key: string;
  kind: DeliveryKind;
  channel: "push" | "email";
  user_id: string | null;
  room_id: string | null;
  message_id: string | null;
  trigger: string | null;
  /** Room sequence of the message (0 for a thread-only reply). */
  seq: number;
  thread_root_id: string | null;
  thread_seq: number | null;
  state: DeliveryState;
  /** When the worker next looks at it. */
  due_at: number;
  /** Lease end of a claim; an expired claim (crashed worker) is claimable again. */
  claimed_until: number | null;
  attempts: number;
  first_try_at: number | null;
  /** Why it was dropped / failed / last retried. */
  reason: string | null;
  /** Kind-specific JSON (thread, held by quiet hours, subscriptions already reached, batch items, …). */
  payload: string;
  batch_id: string | null;
  created_at: number;
  updated_at: number;
  /** Set before a send leaves, cleared with its outcome: still set at claim = interrupted (migration 0005). */
  attempt_at?: number | null;
}

export interface EmailWindowsTable {
  user_id: string;
  /** "messages" or "support": they batch separately (different templates). */
  family: string;
  opened_at: number;
}

export interface PushSubscriptionsTable {
  id: string;
  user_id: string;
  device_id: string;
  device_kind: "desktop" | "mobile" | "web";
  type: "webpush" | "webhook" | "apns" | "fcm";
  /** Push endpoint URL, the webhook URL, or the APNs / FCM device token. */
  endpoint: string;
  p256dh: string | null;
  auth: string | null;
  /** Webhook HMAC secret (PSH-8). */
  secret: string | null;
  created_at: number;
  /** Native devices (migration 0008): bundle id / Firebase app, APNs environment. */
  app_id?: string | null;
  environment?: "production" | "sandbox" | null;
  /** What Settings shows for the device; the last push it accepted. */
  device_name?: string | null;
  last_used_at?: number | null;
}

/** Per-platform send outcomes (webpush, webhook, apns, fcm × sent, gone, retry, failed) for admin stats. */
export interface PushPlatformStatsTable {
  platform: string;
  outcome: string;
  count: number;
}

export interface EmailsTable {
  /** The RFC 5322 Message-ID: one row per email, so a retried save is a no-op. */
  message_id: string;
  user_id: string | null;
  from_addr: string;
  to_addr: string;
  subject: string;
  text: string;
  html: string;
  headers: string;
  kind: string;
  created_at: number;
}

export interface DeliveryTables {
  deliveries: DeliveriesTable;
  email_windows: EmailWindowsTable;
  push_subscriptions: PushSubscriptionsTable;
  push_platform_stats: PushPlatformStatsTable;
  emails: EmailsTable;
}
