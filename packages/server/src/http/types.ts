// Shared HTTP types: the route module signature, per-route config (auth level, rate bucket) and the principal.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { Services } from "../services.ts";

export type Role = "admin" | "agent" | "member";
export type Scope = "read" | "write" | "admin";

export interface Principal {
  userId: string;
  username: string;
  role: Role;
  via: "session" | "token";
  sessionId: string | null;
  csrfToken: string | null;
  scopes: ReadonlySet<Scope>;
}

/** none: public; user: any signed-in user; admin: workspace admins (and tokens with the admin scope). */
export type AuthLevel = "none" | "user" | "admin";

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: AuthLevel;
    /** Extra rate-limit bucket for this route (GEN-6), on top of token-use limits. */
    rate?: "login" | "post";
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A route module: registered under /api/v1 by http/routes.ts with one line. */
export type RouteModule = (app: App, services: Services) => void | Promise<void>;

/** The principal of a route whose config.auth is not "none" (the auth hook guarantees it is set). */
export function me(req: { principal: Principal | null }): Principal {
  if (!req.principal) throw new Error("route without auth used me()");
  return req.principal;
}
