// LGN-1: a password sign-in from a device not seen before for that user (browser, OS, network) is handed to
// the LoginAlerts port — if the user (PRF-11) and the admin (PRV-5) leave login emails on. The very first
// sign-in of an account records its device without an alert: there is no "known" device to differ from.
import type { Services } from "../../services.ts";
import { savedSettings } from "../../store/settings.ts";
import { deviceOf } from "./devices.ts";
import { signOutEverywhereUrl } from "./sign-out-link.ts";

export async function recordSignIn(
  services: Services,
  userId: string,
  userAgent: string,
  ip: string,
): Promise<boolean> {
  const { db } = services.store;
  const now = services.clock.now();
  const d = deviceOf(userAgent, ip);
  const known = await db
    .selectFrom("known_devices")
    .select(["fingerprint"])
    .where("user_id", "=", userId)
    .execute();
  if (known.some((k) => k.fingerprint === d.fingerprint)) {
    await db
      .updateTable("known_devices")
      .set({ last_seen_at: now })
      .where("user_id", "=", userId)
      .where("fingerprint", "=", d.fingerprint)
      .execute();
    return false;
  }
  const inserted = await db
    .insertInto("known_devices")
    .values({
      user_id: userId,
      fingerprint: d.fingerprint,
      browser: d.browser,
      os: d.os,
      network: d.network,
      first_seen_at: now,
      last_seen_at: now,
    })
    .onConflict((oc) => oc.columns(["user_id", "fingerprint"]).doNothing())
    .executeTakeFirst();
  // Two sign-ins from one new device at once: only the one whose insert won announces it.
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  if (known.length === 0) return false;
  if (!(await alertsWanted(services, userId))) return false;
  try {
    await services.loginAlerts.newSignIn({
      userId,
      at: now,
      browser: d.browser,
      os: d.os,
      ip,
      signOutEverywhereUrl: await signOutEverywhereUrl(services, userId),
    });
  } catch (err) {
    // A failing mailer must not fail the sign-in itself.
    services.log.error({ err, userId }, "login alert failed");
  }
  return true;
}

async function alertsWanted(services: Services, userId: string): Promise<boolean> {
  const settings = await savedSettings(services.store.db);
  if (settings.loginEmails === false) return false;
  const user = await services.store.db
    .selectFrom("users")
    .select(["prefs"])
    .where("id", "=", userId)
    .executeTakeFirst();
  const prefs = JSON.parse(user?.prefs ?? "{}") as { loginEmails?: boolean };
  if (prefs.loginEmails !== undefined) return prefs.loginEmails;
  const defaults = settings.defaults as { account?: { loginEmails?: boolean } } | undefined;
  return defaults?.account?.loginEmails ?? true;
}
