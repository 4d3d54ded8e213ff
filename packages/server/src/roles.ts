// Role registry for `herald serve --roles=api,gateway,worker`. A part plugs in by adding one entry to
// `roleModules` below. register() runs for every started process before listen (add routes, swap a port on
// services); start() runs only when the process has that role, and returns how to stop.
import { gatewayHooksRole, gatewayRole } from "./gateway/role.ts";
import type { App } from "./http/types.ts";
import { deliveryOutboxRole, schedulerRole } from "./jobs/role.ts";
import { pushProxyRole } from "./push-proxy/role.ts";
import type { Services } from "./services.ts";
import { queueDepthRole, retentionRole } from "./upkeep/role.ts";

export interface Stoppable {
  stop(): Promise<void>;
}

export interface RoleModule {
  role: RoleName;
  name: string;
  register?(app: App, services: Services): void | Promise<void>;
  start?(services: Services, app: App): Promise<Stoppable | undefined>;
}

export const allRoles = ["api", "gateway", "worker"] as const;
/** Roles a process has only when named: a push proxy holds Apple/Google credentials for other Heralds. */
export const optionalRoles = ["push-proxy"] as const;
export type RoleName = (typeof allRoles)[number] | (typeof optionalRoles)[number];

/** Add a line per module, e.g. `gatewayRole,` imported from ./gateway/role.ts. */
export const roleModules: RoleModule[] = [
  gatewayHooksRole,
  gatewayRole,
  deliveryOutboxRole,
  schedulerRole,
  queueDepthRole,
  retentionRole,
  pushProxyRole,
];
