// The security suite (suite.ts) on PostgreSQL: required when CI=true, skipped with a note elsewhere when the
// server is unreachable (test/store/pg.ts).
import { securitySuite } from "./suite.ts";

securitySuite("postgres");
