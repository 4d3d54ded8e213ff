// Generates the web app's API types from the server's OpenAPI document: `npm run api:types`.
// The app is built as the tests build it (test config, a temp SQLite store, no network), so the output depends on
// the routes' schemas only; packages/server/test/api-types-fresh.test.ts fails when the committed file is stale.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { buildTestApp, type StoreKind } from "../packages/server/test/helpers/app.ts";

/** Where the generated types live, for the web app's openapi-fetch client. */
export const apiSchemaPath = fileURLToPath(
  new URL("../packages/web/src/lib/api-schema.d.ts", import.meta.url),
);

const header = `// Generated from the server's OpenAPI document by scripts/api-types.ts: do not edit.
// Regenerate with \`npm run api:types\` after changing a route's schema.

`;

/** The part of openapi-typescript this script uses. It is installed under packages/web (its peer TypeScript 5
 *  cannot share the root with TypeScript 7), so it is loaded from there rather than imported by name. */
interface OpenapiTypescript {
  default(schema: object, options: { alphabetize: boolean; silent: boolean }): Promise<unknown>;
  astToString(ast: unknown): string;
}

function loadGenerator(): OpenapiTypescript {
  return createRequire(new URL("../packages/web/package.json", import.meta.url))("openapi-typescript");
}

/** The OpenAPI document every client sees at /api/v1/openapi.json. The store does not change it; the freshness
 *  test builds on the store of its pass, this script on SQLite so that it needs no database server. */
export async function openApiDocument(store: StoreKind): Promise<object> {
  const t = await buildTestApp({ store });
  try {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    if (res.statusCode !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.statusCode}`);
    return res.json();
  } finally {
    await t.close();
  }
}

/** The text of api-schema.d.ts; sorted by openapi-typescript so route registration order does not matter. */
export async function generateApiTypes(store: StoreKind = "sqlite"): Promise<string> {
  const generator = loadGenerator();
  const doc = await openApiDocument(store);
  const ast = await generator.default(doc, { alphabetize: true, silent: true });
  return header + generator.astToString(ast);
}

if (import.meta.main) {
  writeFileSync(apiSchemaPath, await generateApiTypes());
  console.log(`wrote ${apiSchemaPath}`);
}
