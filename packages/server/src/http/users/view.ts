// The JSON shape of a user. Private fields (email) only for the user themself and admins.
import { Type } from "typebox";
import type { UserRow } from "../../store/accounts.ts";
import { Nullable } from "../schemas/ref.ts";

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: UserRow["role"];
  active: boolean;
  timezone: string;
  /** The time zone follows the user's browser (only for the user themself and admins). */
  timezoneAuto?: boolean;
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
    v.timezoneAuto = u.timezone_auto !== 0;
  }
  return v;
}

export const RoleSchema = Type.Union([Type.Literal("admin"), Type.Literal("agent"), Type.Literal("member")]);

/** OpenAPI shape of userView: the private fields only for the user themself and admins. */
export const UserSchema = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    active: Type.Boolean({ description: "false: deactivated by an admin" }),
    timezone: Type.String({ description: "IANA time zone" }),
    timezoneAuto: Type.Optional(
      Type.Boolean({ description: "the zone follows the browser (the user themself and admins only)" }),
    ),
    email: Type.Optional(Nullable(Type.String({ description: "the user themself and admins only" }))),
    emailVerified: Type.Optional(Type.Boolean({ description: "the user themself and admins only" })),
  },
  { $id: "User", description: "a person with an account" },
);
