// Authentication for every route: resolves the principal from a token (Authorization: Bearer / api_access_token,
// TOK-2) or the session cookie, then enforces the route's auth level, CSRF for cookie writes, token scopes, and
// the per-user / per-address rate limits (GEN-6). Runs onRequest, before the body is parsed or validated.
// Principals are cached briefly (cache.ts: dropped on any local write to users / sessions / access_tokens).
import { timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sha256 } from "../../ids.ts";
import type { Services } from "../../services.ts";
import { tokenByValue } from "../../store/accounts.ts";
import { AppError, forbidden, unauthorized } from "../errors.ts";
import { isMetricsToken } from "../ops.ts";
import type { RateLimiter } from "../rate-limit.ts";
import type { App, Principal, Scope } from "../types.ts";
import { PrincipalCache } from "./cache.ts";
import { sessionForCache } from "./lookup.ts";

export const SESSION_COOKIE = "herald_session";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** Constant-time comparison, so response timing never tells how much of a guessed CSRF token was right. */
export function sameSecret(given: string | string[] | undefined, expected: string | null): boolean {
  if (typeof given !== "string" || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function presentedToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h === "string" && /^Bearer /i.test(h)) return h.slice(7).trim();
  const t = req.headers.api_access_token;
  return typeof t === "string" && t ? t : null;
}

interface Known {
  principal: Principal;
  /** The access token's row id and when its use was last recorded (tokens only). */
  tokenId: string | null;
  lastUsedAt: number | null;
}

type Cache = PrincipalCache<Known>;

async function fromToken(services: Services, cache: Cache, token: string): Promise<Principal> {
  const key = `t:${sha256(token)}`;
  let known = cache.get(key);
  if (!known) {
    const gen = cache.generation();
    const row = await tokenByValue(services.store.db, token);
    if (!row || !row.active) throw new AppError(401, "invalid_token", "the access token is not valid");
    const scopes = new Set(row.scopes.split(",").filter(Boolean) as Scope[]);
    // Scopes never exceed the user's rights (TOK-1).
    if (row.role !== "admin") scopes.delete("admin");
    const principal: Principal = {
      userId: row.user_id,
      username: row.username,
      role: row.role,
      via: "token",
      sessionId: null,
      csrfToken: null,
      scopes,
    };
    known = { principal, tokenId: row.id, lastUsedAt: row.last_used_at };
    cache.set(key, known, gen);
  }
  const now = services.clock.now();
  // Record use at most once a minute: a write per request would cost more than the request.
  if (known.tokenId && (!known.lastUsedAt || known.lastUsedAt < now - 60_000)) {
    known.lastUsedAt = now;
    await services.store.db
      .updateTable("access_tokens")
      .set({ last_used_at: now })
      .where("id", "=", known.tokenId)
      .execute();
  }
  return known.principal;
}

async function fromCookie(services: Services, cache: Cache, value: string): Promise<Principal | null> {
  const key = `s:${sha256(value)}`;
  const hit = cache.get(key);
  if (hit) return hit.principal;
  const gen = cache.generation();
  const row = await sessionForCache(services.store.db, value, services.clock.now());
  if (!row || !row.active) return null;
  const scopes = new Set<Scope>(row.role === "admin" ? ["read", "write", "admin"] : ["read", "write"]);
  const principal: Principal = {
    userId: row.user_id,
    username: row.username,
    role: row.role,
    via: "session",
    sessionId: row.id,
    csrfToken: row.csrf_token,
    scopes,
  };
  cache.set(key, { principal, tokenId: null, lastUsedAt: null }, gen, row.expires_at);
  return principal;
}

export function installAuth(app: App, services: Services, limiter: RateLimiter): void {
  app.decorateRequest("principal", null);
  const cache: Cache = new PrincipalCache(services.clock, services.store.writes);
  app.addHook("onRequest", async (req: FastifyRequest, _reply: FastifyReply) => {
    // Read once: Fastify builds a new routeOptions object on every read.
    const { config, url } = req.routeOptions;
    // Unmatched routes (404) carry no auth level; let the not-found handler answer.
    if (!url) return;
    // Under /api/v1 a route is private unless it says otherwise; outside (web app, docs, ops) public.
    const level =
      config.auth ?? (url.startsWith("/api/v1/") && !url.startsWith("/api/v1/docs") ? "user" : "none");
    const token = presentedToken(req);
    // The metrics token is no access token: /metrics checks it itself (ops.ts).
    if (token && url === "/metrics" && isMetricsToken(services, token)) return;
    if (token) {
      await limiter.hit([`tok:addr:${req.ip}`], services.config.rateTokenPerMin);
      req.principal = await fromToken(services, cache, token);
      await limiter.hit([`tok:user:${req.principal.userId}`], services.config.rateTokenPerMin);
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) req.principal = await fromCookie(services, cache, cookie);
    }
    if (level === "none") return;
    const p = req.principal;
    if (!p) throw unauthorized();
    if (
      p.via === "session" &&
      !SAFE.has(req.method) &&
      !sameSecret(req.headers["x-csrf-token"], p.csrfToken)
    ) {
      throw forbidden("csrf_failed", "missing or wrong x-csrf-token header");
    }
    const needed: Scope = SAFE.has(req.method) ? "read" : "write";
    if (!p.scopes.has(needed) && !p.scopes.has("admin")) {
      throw forbidden("insufficient_scope", `this token lacks the ${needed} scope`);
    }
    if (level === "admin" && (p.role !== "admin" || !p.scopes.has("admin"))) {
      throw forbidden("admin_only", "only workspace admins may do this");
    }
    if (config.rate === "post") {
      await limiter.hit([`post:user:${p.userId}`, `post:addr:${req.ip}`], services.config.ratePostPerMin);
    }
  });
}
