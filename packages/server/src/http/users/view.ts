// The JSON shape of a user. Private fields (email) only for the user themself and admins.
import type { UserRow } from "../../store/accounts.ts";

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: UserRow["role"];
  active: boolean;
  timezone: string;
  email?: string | null;
  emailVerified?: boolean;
}

export function userView(u: UserRow, withPrivate: boolean): UserView {
  const v: UserView = {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    active: u.active === 1,
    timezone: u.timezone,
  };
  if (withPrivate) {
    v.email = u.email;
    v.emailVerified = u.email_verified === 1;
  }
  return v;
}
