// Builds the Herald app: services (store, clock, hooks, ports) and the Fastify instance with every route module.
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyBaseLogger, FastifyServerOptions } from "fastify";
import Fastify, { LogController } from "fastify";
import pino from "pino";
import type { Clock } from "./clock.ts";
import { systemClock } from "./clock.ts";
import type { Config, TrustProxy } from "./config.ts";
import { SqlDecisionRecorder } from "./decisions/sql-recorder.ts";
import { PostHooks } from "./events.ts";
import { DiskFileStore } from "./files/disk.ts";
import { installAccessLog } from "./http/access-log.ts";
import { installAuth } from "./http/auth/hook.ts";
import { frameworkErrors, installErrorHandler, rejectUndeclaredBodies } from "./http/error-handler.ts";
import { documentErrors } from "./http/errors.ts";
import { installRequestMetrics, opsRoutes } from "./http/ops.ts";
import { RateLimiter } from "./http/rate-limit.ts";
import { routeModules } from "./http/routes.ts";
import { addSharedSchemas } from "./http/schemas/registry.ts";
import { docsCsp, installSecurityHeaders } from "./http/security-headers.ts";
import { rejectUnstorableText } from "./http/text-guard.ts";
import type { App } from "./http/types.ts";
import { heraldValidatorCompiler } from "./http/validator.ts";
import { webRoutes } from "./http/web.ts";
import { createMetricsRegistry } from "./metrics.ts";
import type { RoleName } from "./roles.ts";
import { allRoles, roleModules } from "./roles.ts";
import type { Services } from "./services.ts";
import { MemoryMailer, mailLoginAlerts, nobodyOnline } from "./services.ts";
import type { Store } from "./store/db.ts";
import { openStore } from "./store/db.ts";
import { migrateToLatest } from "./store/migrator.ts";
import { savedSettings } from "./store/settings.ts";

export const API_PREFIX = "/api/v1";

export interface ServiceOptions {
  clock?: Clock;
  store?: Store;
  /** Skip applying migrations (the caller did). */
  migrated?: boolean;
}

/** Opens the store (migrating it) and builds the default embedded services. */
export async function createServices(config: Config, opts: ServiceOptions = {}): Promise<Services> {
  const log = pino({ level: config.logLevel });
  const store = opts.store ?? (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  if (!opts.migrated) await migrateToLatest(store.db);
  const clock = opts.clock ?? systemClock;
  const metrics = createMetricsRegistry();
  const mailer = new MemoryMailer(log);
  const services: Services = {
    config,
    store,
    files: new DiskFileStore(join(config.dataDir, "files")),
    clock,
    log,
    metrics,
    mailer,
    hooks: new PostHooks((err, event) =>
      log.error({ err, event: event.type }, "post hook failed after commit"),
    ),
    presence: nobodyOnline,
    loginAlerts: { newSignIn: async () => {} },
    limiter: new RateLimiter({ redisUrl: config.redisUrl, prefix: config.redisPrefix }),
    decisions: new SqlDecisionRecorder({ db: store.db, log }),
    explainSources: {},
  };
  services.loginAlerts = mailLoginAlerts(services, async () => {
    const s = await savedSettings(store.db);
    return typeof s.siteName === "string" ? s.siteName : "Herald";
  });
  return services;
}

/** Fastify types the factory as Ajv's compile; TypeBox's compiler has Fastify's own validator signature. */
const typeBoxValidators = { buildValidator: () => heraldValidatorCompiler } as unknown as NonNullable<
  NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]
>;

/** The Fastify app with every route: /api/v1 modules, OpenAPI + docs, ops endpoints and the web app. */
export async function buildApp(services: Services, roles: readonly RoleName[] = allRoles): Promise<App> {
  const app: App = Fastify({
    loggerInstance: services.log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    trustProxy: fastifyTrustProxy(services.config.trustProxy),
    logController: new LogController({ disableRequestLogging: true }),
    frameworkErrors,
    // Given as the factory, not set with setValidatorCompiler: a plugin scope that adds a schema rebuilds its
    // validator from the factory, and with setValidatorCompiler that rebuild fell back to Fastify's Ajv, which
    // strips unknown body fields and coerces types instead of refusing them (GEN-4).
    schemaController: { compilersFactory: typeBoxValidators },
  }).withTypeProvider<TypeBoxTypeProvider>();
  installErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Herald API", version: "1" },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "a personal access token" },
          api_access_token: {
            type: "apiKey",
            in: "header",
            name: "api_access_token",
            description: "the same personal access token, in the header Chatwoot's API clients send",
          },
          cookie: {
            type: "apiKey",
            in: "cookie",
            name: "herald_session",
            description: "the web app's session",
          },
          csrf: {
            type: "apiKey",
            in: "header",
            name: "x-csrf-token",
            description:
              "with the session cookie, every POST, PUT, PATCH and DELETE carries the csrfToken sign-in gave",
          },
        },
      },
      security: [{ bearer: [] }, { api_access_token: [] }, { cookie: [], csrf: [] }],
    },
    // Shared schemas are listed under their $id (User, Room, Message…), the names generated clients use.
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) =>
        typeof json.$id === "string" ? json.$id : `def-${i}`,
    },
  });
  await installSecurityHeaders(app, services);
  await app.register(fastifySwaggerUi, {
    routePrefix: `${API_PREFIX}/docs`,
    staticCSP: true,
    transformStaticCSP: docsCsp(services),
  });
  installAuth(app, services, services.limiter);
  app.addHook("onClose", () => services.limiter.close());
  rejectUndeclaredBodies(app);
  rejectUnstorableText(app);
  installRequestMetrics(app, services);
  installAccessLog(app, services);
  documentErrors(app);
  addSharedSchemas(app);

  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<TypeBoxTypeProvider>();
      for (const mod of routeModules) await mod(typed, services);
      typed.get("/openapi.json", { schema: { hide: true }, config: { auth: "none" } }, async () =>
        app.swagger(),
      );
    },
    { prefix: API_PREFIX },
  );
  opsRoutes(app, services);
  await webRoutes(app, services);
  for (const m of roleModules) if (roles.includes(m.role) && m.register) await m.register(app, services);
  return app;
}

/** Fastify's trustProxy from ours. A hop count becomes proxy-addr's own rule (trust the first n hops from the
 *  socket), given as a function because Fastify's types omit the number form. */
function fastifyTrustProxy(t: TrustProxy): false | string[] | ((addr: string, hop: number) => boolean) {
  if (typeof t === "number") return (_addr, hop) => hop < t;
  return t;
}
