// Changing one's email address without telling anyone whose address it is: PATCH /me {email} answers the same
// for a free and a taken address. A free one gets a confirmation link and becomes the account's (verified)
// address when the link is opened; a taken one gets a note that nothing changed — only its owner reads that.
import { publicUrlOf } from "../../config.ts";
import { newSecret, sha256 } from "../../ids.ts";
import type { Services } from "../../services.ts";
import type { UserRow } from "../../store/accounts.ts";
import { userByLogin } from "../../store/accounts.ts";
import type { Tx } from "../../store/db.ts";

const LINK_TTL_MS = 86_400_000;

export async function requestEmailChange(services: Services, user: UserRow, email: string): Promise<void> {
  const { db } = services.store;
  const now = services.clock.now();
  // One pending change at a time: an earlier request's link stops working.
  await db
    .deleteFrom("email_verifications")
    .where("user_id", "=", user.id)
    .where((eb) => (user.email ? eb("email", "!=", user.email) : eb.lit(true)))
    .execute();
  const owner = await userByLogin(db, email);
  if (owner && owner.id !== user.id) {
    await services.mailer.send({
      to: email,
      subject: "Someone tried to use your email address",
      text:
        `Someone signed in as ${user.username} asked to use ${email} for their account. This address already ` +
        "belongs to an account, so nothing changed. If this was you, sign in with that account instead.",
      kind: "email_in_use",
      userId: owner.id,
    });
    return;
  }
  const token = newSecret();
  await db
    .insertInto("email_verifications")
    .values({ token_hash: sha256(token), user_id: user.id, email, expires_at: now + LINK_TTL_MS })
    .execute();
  const link = `${publicUrlOf(services.config)}/api/v1/auth/verify-email?token=${token}`;
  await services.mailer.send({
    to: email,
    subject: "Confirm your new email address",
    text: `Open this link to use ${email} for your account ${user.username}: ${link}\nIt expires in 24 hours.`,
    kind: "verify_email",
    userId: user.id,
  });
}

/**
 * Opening a link: the address it was made for becomes the user's verified address — the current one (a plain
 * verification) or a requested new one (a change). False when someone else took the address meanwhile.
 */
export async function confirmEmail(trx: Tx, userId: string, email: string): Promise<boolean> {
  const taken = await trx
    .selectFrom("users")
    .select("id")
    .where("email", "=", email)
    .where("id", "!=", userId)
    .executeTakeFirst();
  if (taken) return false;
  const r = await trx
    .updateTable("users")
    .set({ email, email_verified: 1 })
    .where("id", "=", userId)
    .executeTakeFirst();
  // Every other link of this user was for another address: none of them may switch it back.
  await trx.deleteFrom("email_verifications").where("user_id", "=", userId).execute();
  return Number(r.numUpdatedRows) > 0;
}
