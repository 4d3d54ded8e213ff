// Every route module under /api/v1. Adding a resource = adding one line here.
import { adminDeliveryRoutes } from "./admin-delivery/routes.ts";
import { authRoutes } from "./auth/routes.ts";
import { callRoutes } from "./calls/routes.ts";
import { emailRoutes } from "./email/routes.ts";
import { explainRoutes } from "./explain/routes.ts";
import { meRoutes } from "./me/routes.ts";
import { messageRoutes } from "./messages/routes.ts";
import { notificationRoutes } from "./notifications/routes.ts";
import { preferenceRoutes } from "./preferences/routes.ts";
import { pushRoutes } from "./push/routes.ts";
import { realtimeRoutes } from "./realtime/routes.ts";
import { roomRoutes } from "./rooms/routes.ts";
import { supportRoutes } from "./support/routes.ts";
import type { RouteModule } from "./types.ts";
import { userRoutes } from "./users/routes.ts";
import { widgetRoutes } from "./widget/routes.ts";

export const routeModules: RouteModule[] = [
  authRoutes,
  meRoutes,
  userRoutes,
  roomRoutes,
  messageRoutes,
  preferenceRoutes,
  explainRoutes,
  notificationRoutes,
  supportRoutes,
  widgetRoutes,
  callRoutes,
  pushRoutes,
  emailRoutes,
  adminDeliveryRoutes,
  realtimeRoutes,
];
