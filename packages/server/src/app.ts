// Builds the Herald app: services (store, clock, hooks, ports) and the Fastify instance with every route module.
import fastifyCookie from "@fastify/cookie";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { TypeBoxValidatorCompiler } from "@fastify/type-provider-typebox";
import type { FastifyBaseLogger } from "fastify";
import Fastify, { LogController } from "fastify";
import pino from "pino";
import type { Clock } from "./clock.ts";
import { systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { SqlDecisionRecorder } from "./decisions/sql-recorder.ts";
import { PostHooks } from "./events.ts";
import { installAuth } from "./http/auth/hook.ts";
import { frameworkErrors, installErrorHandler, rejectUndeclaredBodies } from "./http/error-handler.ts";
import { installRequestMetrics, opsRoutes } from "./http/ops.ts";
import { RateLimiter } from "./http/rate-limit.ts";
import { routeModules } from "./http/routes.ts";
import type { App } from "./http/types.ts";
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
    clock,
    log,
    metrics,
    mailer,
    hooks: new PostHooks((err, event) =>
      log.error({ err, event: event.type }, "post hook failed after commit"),
    ),
    presence: nobodyOnline,
    loginAlerts: { newSignIn: async () => {} },
    limiter: new RateLimiter(clock),
    decisions: new SqlDecisionRecorder({ db: store.db, log }),
    explainSources: {},
  };
  services.loginAlerts = mailLoginAlerts(services, async () => {
    const s = await savedSettings(store.db);
    return typeof s.siteName === "string" ? s.siteName : "Herald";
  });
  return services;
}

/** The Fastify app with every route: /api/v1 modules, OpenAPI + docs, ops endpoints and the web app. */
export async function buildApp(services: Services, roles: readonly RoleName[] = allRoles): Promise<App> {
  const app: App = Fastify({
    loggerInstance: services.log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    trustProxy: services.config.trustProxy,
    logController: new LogController({ disableRequestLogging: true }),
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  installErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Herald API", version: "1" },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          cookie: { type: "apiKey", in: "cookie", name: "herald_session" },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: `${API_PREFIX}/docs` });
  installAuth(app, services, services.limiter);
  rejectUndeclaredBodies(app);
  installRequestMetrics(app, services);

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
