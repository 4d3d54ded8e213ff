// The security suite (suite.ts) on SQLite.
import { securitySuite } from "./suite.ts";

securitySuite("sqlite");
