// Every route module under /api/v1. Adding a resource = adding one line here.
import { adminDeliveryRoutes } from "./admin-delivery/routes.ts";
import { authRoutes } from "./auth/routes.ts";
import { callRoutes } from "./calls/routes.ts";
import { emailRoutes } from "./email/routes.ts";
import { explainRoutes } from "./explain/routes.ts";
import { fileRoutes } from "./files/routes.ts";
import { meRoutes } from "./me/routes.ts";
import { messageRoutes } from "./messages/routes.ts";
import { notificationRoutes } from "./notifications/routes.ts";
import { preferenceRoutes } from "./preferences/routes.ts";
import { pushDeviceRoutes } from "./push/devices.ts";
import { pushRoutes } from "./push/routes.ts";
import { realtimeRoutes } from "./realtime/routes.ts";
import { readMarkRoutes } from "./rooms/read-marks.ts";
import { roomRoutes } from "./rooms/routes.ts";
import { searchRoutes } from "./search/routes.ts";
import { supportRoutes } from "./support/routes.ts";
import { threadRoutes } from "./threads/routes.ts";
import type { RouteModule } from "./types.ts";
import { userRoutes } from "./users/routes.ts";
import { widgetRoutes } from "./widget/routes.ts";

export const routeModules: RouteModule[] = [
  authRoutes,
  meRoutes,
  userRoutes,
  roomRoutes,
  messageRoutes,
  searchRoutes,
  fileRoutes,
  readMarkRoutes,
  threadRoutes,
  preferenceRoutes,
  explainRoutes,
  notificationRoutes,
  supportRoutes,
  widgetRoutes,
  callRoutes,
  pushRoutes,
  pushDeviceRoutes,
  emailRoutes,
  adminDeliveryRoutes,
  realtimeRoutes,
];
