// Durable one-off emails (the server's Mailer and LoginAlerts ports, services.ts): a `mail` row in the outbox,
// sent by the worker through SMTP or the dev mailbox (EML-9), retried with backoff for 24 h (EML-7), its
// Message-ID fixed by the row id so a retry is the same email. Without a worker in this process the row waits
// for one (timer, sweep). LGN-1's email is rendered at send time with the site name and the user's time zone.

import { escapeMultiline } from "../channels/email/escape.ts";
import type { OutgoingEmail } from "../channels/email/index.ts";
import { headerSafe, loginAlertEmail, messageIdFor } from "../channels/email/index.ts";
import type { LoginAlerts, Mailer, NewSignIn, OutgoingMail, Services } from "../services.ts";
import type { Db } from "../store/db.ts";
import { sendMarked } from "./attempts.ts";
import { emailAttempt, type JobContext, retryAt } from "./context.ts";
import { finish, release } from "./queue.ts";
import { type DeliveryRow, insertRows, keys, newRow, payloadOf } from "./rows.ts";
import type { Scheduler } from "./scheduler.ts";

type MailData =
  | ({ template: "plain" } & OutgoingMail)
  | ({ template: "login"; to: string } & Omit<NewSignIn, "userId">);

export async function enqueueMail(
  db: Db,
  userId: string | null,
  data: MailData,
  now: number,
): Promise<string> {
  const row = newRow(
    { kind: "mail", channel: "email", key: "", userId, dueAt: now, payload: { data: { ...data } } },
    now,
  );
  row.dedupe_key = keys.mail(row.id);
  await insertRows(db, [row]);
  return row.id;
}

/** Mailer port on the outbox: returns once the mail is durably queued (not once it is sent). */
export function durableMailer(services: Services, scheduler: () => Scheduler | null): Mailer {
  return {
    async send(mail) {
      await enqueueMail(
        services.store.db,
        mail.userId ?? null,
        { template: "plain", ...mail },
        services.clock.now(),
      );
      scheduler()?.poke();
    },
  };
}

/** LGN-1 on the outbox. login-detection.ts has checked PRF-11 / PRV-5 and the new device already. */
export function durableLoginAlerts(services: Services, scheduler: () => Scheduler | null): LoginAlerts {
  return {
    async newSignIn(info) {
      const u = await services.store.db
        .selectFrom("users")
        .select("email")
        .where("id", "=", info.userId)
        .executeTakeFirst();
      if (!u?.email) return;
      const { userId, ...rest } = info;
      await enqueueMail(
        services.store.db,
        userId,
        { template: "login", to: u.email, ...rest },
        services.clock.now(),
      );
      scheduler()?.poke();
    },
  };
}

export async function runMailRows(ctx: JobContext, rows: DeliveryRow[]): Promise<void> {
  await sendMarked(
    ctx,
    rows,
    (r) => [r.id],
    async (row) => {
      try {
        await sendMail(ctx, row);
      } catch (err) {
        ctx.log.error({ err, mail: row.id }, "mail failed unexpectedly");
        const now = ctx.clock.now();
        await release(ctx.db, row, retryAt(row.attempts, now), now, {
          attempt: true,
          keepAttemptMark: true,
        }).catch(() => {});
      }
    },
    16,
  );
}

async function sendMail(ctx: JobContext, row: DeliveryRow): Promise<void> {
  const data = payloadOf(row).data as MailData | undefined;
  if (!data) return finish(ctx.db, [row.id], "failed", "mail row without content", ctx.clock.now());
  const email = await render(ctx, row, data);
  const r = await ctx.channels.email.send(email);
  const now = ctx.clock.now();
  const attempt = emailAttempt(r, row.attempts, row.first_try_at, now);
  if (attempt.retry) {
    await release(ctx.db, row, attempt.at, now, { attempt: true, reason: attempt.reason });
    return;
  }
  const { state, reason } = attempt;
  await finish(ctx.db, [row.id], state, reason, now);
  const rule = data.template === "login" ? "LGN-1" : "EML-7";
  ctx.counter.inc({ channel: "email", outcome: state, reason: rule });
  if (state === "failed") ctx.log.warn({ mail: row.id, reason }, "mail failed");
}

async function render(ctx: JobContext, row: DeliveryRow, data: MailData): Promise<OutgoingEmail> {
  const u = row.user_id
    ? await ctx.db
        .selectFrom("users")
        .select(["id", "display_name", "timezone"])
        .where("id", "=", row.user_id)
        .executeTakeFirst()
    : undefined;
  const ec = ctx.channels.emailContext(
    { userId: u?.id ?? "", name: u?.display_name ?? "", address: data.to, timeZone: u?.timezone ?? "UTC" },
    ctx.admin.siteName,
  );
  if (data.template === "login")
    return loginAlertEmail(ec, {
      deliveryId: row.id,
      at: data.at,
      browser: data.browser,
      os: data.os,
      ip: data.ip,
      signOutEverywhereUrl: data.signOutEverywhereUrl,
    });
  return {
    to: { address: data.to },
    subject: headerSafe(data.subject, 250),
    text: data.text,
    html: data.html ?? `<!doctype html><html><body><p>${escapeMultiline(data.text)}</p></body></html>`,
    headers: {},
    messageId: messageIdFor(row.id, ec.messageIdHost),
    kind: data.kind,
    ...(data.userId ? { userId: data.userId } : {}),
  };
}
