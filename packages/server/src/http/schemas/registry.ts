// Every named response schema, added to the app once before the routes (routes point at them with ref()).
import type { FastifyInstance } from "fastify";
import type { TSchema } from "typebox";
import { StatusSchema } from "../me/status.ts";
import { FileViewSchema, HintSchema, MentionViewSchema, RestMessageSchema } from "../messages/view.ts";
import { NotificationItemSchema } from "../notifications/schemas.ts";
import {
  AccountPreferencesSchema,
  AdminSettingsSchema,
  AgentPreferencesSchema,
  RoomPreferencesSchema,
} from "../preferences/schemas.ts";
import { BadgeSchema, MyRoomSchema, PublicRoomSchema, RoomSchema } from "../rooms/schemas.ts";
import { UserSchema } from "../users/view.ts";

export const sharedSchemas: readonly TSchema[] = [
  UserSchema,
  StatusSchema,
  RoomSchema,
  MyRoomSchema,
  PublicRoomSchema,
  BadgeSchema,
  MentionViewSchema,
  FileViewSchema,
  RestMessageSchema,
  HintSchema,
  NotificationItemSchema,
  AccountPreferencesSchema,
  RoomPreferencesSchema,
  AgentPreferencesSchema,
  AdminSettingsSchema,
];

export function addSharedSchemas(app: FastifyInstance): void {
  for (const s of sharedSchemas) app.addSchema(s);
}
