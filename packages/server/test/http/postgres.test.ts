// The main HTTP suites (auth, messages, GEN-5 authorization, LGN-1 login alerts) again on PostgreSQL: a fresh schema per harness,
// dropped at the end. The suites are the same files as on SQLite; HERALD_TEST_STORE=postgres makes the shared
// test helper (test/helpers/app.ts) build their apps on PostgreSQL. Required when CI=true; skipped with a
// message elsewhere when PostgreSQL is unreachable.
import { describe } from "node:test";
import { pgAvailable } from "../store/pg.ts";

const available = await pgAvailable();

describe("HTTP suites on PostgreSQL", { skip: available ? false : "PostgreSQL unreachable" }, async () => {
  process.env.HERALD_TEST_STORE = "postgres";
  // Each import registers the file's describe() blocks under this one.
  await import("./auth.test.ts");
  await import("./messages.test.ts");
  await import("./authorization.test.ts");
  // Its once-per-device guard reads the insert's row count, which each dialect reports its own way.
  await import("./login-alerts.test.ts");
});
