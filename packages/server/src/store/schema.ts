// The Kysely Database type: each domain declares its tables in store/schema/<domain>.ts; add one line here.
import type { AccountTables } from "./schema/accounts.ts";
import type { ConversationDetailTables } from "./schema/conversation-details.ts";
import type { DecisionTables } from "./schema/decisions.ts";
import type { DeliveryTables } from "./schema/deliveries.ts";
import type { MessageTables } from "./schema/messages.ts";
import type { NotificationTables } from "./schema/notifications.ts";
import type { RoomTables } from "./schema/rooms.ts";
import type { SettingsTables } from "./schema/settings.ts";
import type { SupportTables } from "./schema/support.ts";

export type Database = AccountTables &
  RoomTables &
  MessageTables &
  SettingsTables &
  DecisionTables &
  DeliveryTables &
  NotificationTables &
  SupportTables &
  ConversationDetailTables;
