// The web app's client types are generated from the OpenAPI document; a route schema changed without
// regenerating them would let the web app compile against answers the server no longer sends.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { apiSchemaPath, generateApiTypes } from "../../../scripts/api-types.ts";
import { testStoreKind } from "./helpers/app.ts";

test("the committed web API types are what `npm run api:types` generates from the OpenAPI document now", async () => {
  const fresh = await generateApiTypes(testStoreKind());
  const committed = existsSync(apiSchemaPath) ? readFileSync(apiSchemaPath, "utf8") : "";
  if (fresh === committed) return;
  const a = committed.split("\n");
  const b = fresh.split("\n");
  let line = 0;
  while (line < a.length && a[line] === b[line]) line++;
  assert.fail(
    `${apiSchemaPath} is stale (first difference at line ${line + 1}: ` +
      `committed ${JSON.stringify(a[line] ?? "<end>")}, generated ${JSON.stringify(b[line] ?? "<end>")}). ` +
      "Run `npm run api:types` and commit the file.",
  );
});
