// Text every store can keep, checked once for every route (GEN-4): PostgreSQL refuses U+0000 in text and
// JSON, and a lone UTF-16 surrogate cannot be encoded as UTF-8 at all (both stores would silently turn it into
// U+FFFD). Such a string in any body field, object key, path parameter or query parameter is a client mistake:
// 400 `invalid_text` naming the field, before validation and before any handler can write half of it.
import type { FastifyRequest } from "fastify";
import { AppError } from "./errors.ts";
import type { App } from "./types.ts";

// A high surrogate not followed by a low one, or a low one not preceded by a high one (the tsconfig's lib
// predates String.prototype.isWellFormed).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or null when it can. */
export function badText(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain the NUL character (U+0000)";
  if (LONE_SURROGATE.test(s)) return "must be valid Unicode (a lone surrogate was sent)";
  return null;
}

interface Found {
  field: string;
  why: string;
}

/**
 * The first bad string in a parsed JSON value, keys included. Iterative, so a deeply nested body (1 MiB of
 * `[[[[…`) cannot overflow the stack and turn a client mistake into a 500.
 */
export function findBadText(value: unknown, root: string): Found | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === "string") {
      const why = badText(v);
      if (why) return { field: path, why };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`]);
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        const why = badText(k);
        const at = path ? `${path}.${k}` : k;
        if (why) return { field: path ? `${path}.<key>` : "<key>", why: `a field name ${why}` };
        stack.push([child, at]);
      }
    }
  }
  return null;
}

function check(req: FastifyRequest): Found | null {
  // Path and query first: a bad id is reported as the id, whatever the body holds.
  return (
    findBadText(req.params, "") ??
    findBadText(req.query, "") ??
    (typeof req.body === "object" || typeof req.body === "string" ? findBadText(req.body, "") : null)
  );
}

export function rejectUnstorableText(app: App): void {
  // A callback hook, not an async one: every request passes here, and an async hook costs each one a promise
  // and a microtask hop for a check that never waits. done(err) reaches the error handler as a rejection would.
  app.addHook("preValidation", (req, _reply, done) => {
    const bad = check(req);
    if (!bad) return done();
    const field = bad.field.replace(/^\./, "") || undefined;
    done(new AppError(400, "invalid_text", `${field ?? "the request"}: ${bad.why}`, field));
  });
}
