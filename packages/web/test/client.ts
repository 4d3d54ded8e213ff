// Node-side API client for test setup (creating users, rooms, inboxes) with a session cookie + CSRF token.
export class Client {
  readonly base: string;
  readonly cookie: string;
  readonly csrf: string;
  readonly user: { id: string; username: string };
  constructor(base: string, cookie: string, csrf: string, user: { id: string; username: string }) {
    this.base = base;
    this.cookie = cookie;
    this.csrf = csrf;
    this.user = user;
  }

  static async login(base: string, login: string, password: string): Promise<Client> {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login, password }),
    });
    if (!res.ok) throw new Error(`POST /auth/login as ${login} → ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const body = (await res.json()) as { csrfToken: string; user: { id: string; username: string } };
    return new Client(base, cookie, body.csrfToken, body.user);
  }

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        "x-csrf-token": this.csrf,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.call<T>("GET", path);
  }
  post<T = Record<string, unknown>>(path: string, body: unknown = {}) {
    return this.call<T>("POST", path, body);
  }
  put<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.call<T>("PUT", path, body);
  }
}

/** Unwraps {room: …} / {user: …} answers. */
export function unwrap<T>(raw: Record<string, unknown>, key: string): T {
  return (raw[key] && typeof raw[key] === "object" ? raw[key] : raw) as T;
}

export const PASSWORD = "correct-horse-battery";

/** Admin creates a user (POST /users) and signs them in. */
export async function makeUser(
  admin: Client,
  username: string,
  role: "member" | "agent" | "admin" = "member",
): Promise<Client> {
  await admin.post("/users", {
    username,
    password: PASSWORD,
    role,
    displayName: username[0].toUpperCase() + username.slice(1),
    email: `${username}@example.test`,
  });
  return Client.login(admin.base, username, PASSWORD);
}
