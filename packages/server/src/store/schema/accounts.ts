// Account tables: users, sessions, access tokens, known devices, ignores, email verifications.
// Times are integer milliseconds since the epoch; booleans are 0/1 integers (portable across SQLite and pg).

export interface UsersTable {
  id: string;
  username: string;
  username_lower: string;
  display_name: string;
  email: string | null;
  email_verified: number;
  role: "admin" | "agent" | "member";
  timezone: string;
  /** 1: `timezone` follows the user's browser (the web app keeps it so); 0: a zone they chose. */
  timezone_auto?: number;
  password_hash: string;
  active: number;
  /** Saved account preferences (JSON, only what the user saved: PRF-21). */
  prefs: string;
  /** Saved agent preferences PRF-40 … PRF-50 (JSON). */
  agent_prefs: string;
  /** Keywords (PRF-7) copied out of prefs as JSON, null when empty, so posting scans only users who have some. */
  keywords: string | null;
  /** Chosen presence: auto | away | invisible (PRS-1). */
  presence_choice: "auto" | "away" | "invisible";
  /** Do-not-disturb (PRS-5): dnd_on 1 with dnd_until null means "until I change it". */
  dnd_on: number;
  dnd_until: number | null;
  created_at: number;
  /** 1 after an admin set a one-time password: sign-in asks for a new one first (migration 0016). */
  must_change_password?: number;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** SHA-256 of the cookie value; the raw value is never stored. */
  token_hash: string;
  csrf_token: string;
  user_agent: string;
  ip: string;
  created_at: number;
  expires_at: number;
}

export interface AccessTokensTable {
  id: string;
  user_id: string;
  /** null for the personal access token (TOK-1), else the token's name. */
  name: string | null;
  token_hash: string;
  /** First characters, shown on later visits (TOK-1). */
  prefix: string;
  /** Comma-separated subset of read,write,admin. */
  scopes: string;
  created_at: number;
  last_used_at: number | null;
}

export interface KnownDevicesTable {
  user_id: string;
  fingerprint: string;
  browser: string;
  os: string;
  network: string;
  first_seen_at: number;
  last_seen_at: number;
}

export interface IgnoresTable {
  user_id: string;
  ignored_id: string;
  created_at: number;
}

export interface EmailVerificationsTable {
  token_hash: string;
  user_id: string;
  email: string;
  expires_at: number;
}

/** An admin's password-reset link: SHA-256 of its token; deleted when used (migration 0016). */
export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface AccountTables {
  users: UsersTable;
  sessions: SessionsTable;
  access_tokens: AccessTokensTable;
  known_devices: KnownDevicesTable;
  ignores: IgnoresTable;
  email_verifications: EmailVerificationsTable;
  password_resets: PasswordResetsTable;
}
