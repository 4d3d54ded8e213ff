// The Services object every part receives: config, store, clock, hooks and the ports other parts implement.
// The defaults here are the embedded, single-process ones; the gateway / email engineers swap in theirs by
// assigning the field from their role module's register() (see roles.ts).
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { ViewSource } from "./decisions/activity.ts";
import type { DecisionReader, DecisionRecorder } from "./decisions/recorder.ts";
import type { PendingSource } from "./decisions/service.ts";
import type { ActivitySource } from "./decisions/state.ts";
import type { PostHooks } from "./events.ts";
import type { FileStore } from "./files/ports.ts";
import type { RateLimiter } from "./http/rate-limit.ts";
import type { Store } from "./store/db.ts";

/** Who is online right now (for @here, MEN-2). Implemented by the gateway; default: nobody. */
export interface PresenceReader {
  /** Every user whose presence is `online` (not away, offline or invisible), in any room: as many as are
   *  connected, so `@here` in a million-member room never reads the million. */
  online(): Promise<string[]>;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the mail is, for the email log: verify_email, login_alert, notification, … */
  kind: string;
  userId?: string;
}

/** Sends an email. Implemented by the email engineer (SMTP or the dev mailbox, EML-9). */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

export interface NewSignIn {
  userId: string;
  at: number;
  browser: string;
  os: string;
  ip: string;
  /** Link to sign out everywhere (LGN-1). */
  signOutEverywhereUrl: string;
}

/** Told about a sign-in from a device not seen before (LGN-1), once PRF-11 and PRV-5 allow it. */
export interface LoginAlerts {
  newSignIn(info: NewSignIn): Promise<void>;
}

export interface Services {
  config: Config;
  store: Store;
  /** The bytes of files sent with messages (their rows are in `store`). */
  files: FileStore;
  clock: Clock;
  hooks: PostHooks;
  presence: PresenceReader;
  mailer: Mailer;
  loginAlerts: LoginAlerts;
  metrics: Registry;
  log: Logger;
  limiter: RateLimiter;
  /** Recorded notification decisions (EXP-3): gateway/scheduler record, explain reads. */
  decisions: DecisionRecorder & DecisionReader;
  /** What explain rebuilds from (EXP-1): the gateway sets `activity` and `views`, the scheduler `pending`. */
  explainSources: { activity?: ActivitySource; views?: ViewSource; pending?: PendingSource };
}

export const nobodyOnline: PresenceReader = { online: async () => [] };

/** Keeps mails in memory and logs them, until the email engineer's mailer is registered. */
export class MemoryMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  private readonly log: Logger | null;
  constructor(log: Logger | null = null) {
    this.log = log;
  }
  async send(mail: OutgoingMail): Promise<void> {
    this.sent.push(mail);
    if (this.sent.length > 1000) this.sent.shift();
    this.log?.info(
      { to: mail.to, subject: mail.subject, kind: mail.kind, text: mail.text },
      "mail (no mailer configured)",
    );
  }
}

/** Default LoginAlerts: sends a plain mail through the Mailer, when the user has an email address. */
export function mailLoginAlerts(
  services: Pick<Services, "mailer" | "store">,
  siteName: () => Promise<string>,
): LoginAlerts {
  return {
    async newSignIn(info) {
      const user = await services.store.db
        .selectFrom("users")
        .select(["email"])
        .where("id", "=", info.userId)
        .executeTakeFirst();
      if (!user?.email) return;
      const site = await siteName();
      await services.mailer.send({
        to: user.email,
        subject: `New sign-in to ${site}`,
        text: `A new sign-in to ${site} at ${new Date(info.at).toISOString()} from ${info.browser} on ${info.os}, IP ${info.ip}.\nNot you? Sign out everywhere: ${info.signOutEverywhereUrl}`,
        kind: "login_alert",
        userId: info.userId,
      });
    },
  };
}
