// Preferences: account (PRF-1 … PRF-17), agent (PRF-40 … PRF-50), room (PRF-30 … PRF-35), workspace (PRV-*).
// GET answers { saved, effective }; PUT is partial and stores only what it names (PRF-21).

import type { SavedRoomPreferences } from "@herald/core";
import { resolveAgentPreferences, resolvePreferences } from "@herald/core";
import { Type } from "typebox";
import type { DomainEvent } from "../../events.ts";
import type { Services } from "../../services.ts";
import { visibleRoom } from "../../store/rooms.ts";
import { savedSettings, saveSettings } from "../../store/settings.ts";
import { notFound } from "../errors.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";
import {
  accountEffective,
  adminSaved,
  effectiveAdminSettings,
  loadAdminSettings,
  mergeSaved,
  roomPreferencesAnswer,
} from "./resolve.ts";
import {
  AccountPreferencesAnswer,
  AccountPrefsBody,
  AdminSettingsAnswer,
  AdminSettingsBody,
  AgentPreferencesAnswer,
  AgentPrefsBody,
  RoomPreferencesAnswer,
  RoomPrefsBody,
} from "./schemas.ts";

type Json = Record<string, unknown>;
const SNOOZE_MS: Record<string, number> = { "1h": 3_600_000, "8h": 28_800_000, "24h": 86_400_000 };

async function changed(
  services: Services,
  userId: string,
  scope: "account" | "agent" | "room" | "workspace",
  roomId?: string,
) {
  const ev: DomainEvent = { type: "preferences.changed", at: services.clock.now(), userId, scope, roomId };
  await services.hooks.afterCommit([ev]);
}

export function preferenceRoutes(app: App, services: Services): void {
  const { db } = services.store;
  const userPrefs = async (userId: string, column: "prefs" | "agent_prefs"): Promise<Json> => {
    const row = await db
      .selectFrom("users")
      .select(column)
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    return JSON.parse(row[column]) as Json;
  };

  const accountAnswer = async (saved: Json) => {
    const settings = await loadAdminSettings(db);
    const account = resolvePreferences(saved, settings.defaults.account);
    // What each setting is when never saved (the workspace's defaults, PRF-21), so the app can say it.
    const defaults = accountEffective(
      resolvePreferences({}, settings.defaults.account),
      settings.defaults.room,
    );
    return { saved, effective: accountEffective(account, settings.defaults.room), defaults };
  };
  // The room answer: PRF-20 needs the member's account (PRF-2) to say what push follows.
  const roomAnswer = async (userId: string, saved: Json) => {
    const settings = await loadAdminSettings(db);
    const account = resolvePreferences(await userPrefs(userId, "prefs"), settings.defaults.account);
    return roomPreferencesAnswer(account, JSON.stringify(saved), settings);
  };

  const account = { 200: AccountPreferencesAnswer };
  const agent = { 200: AgentPreferencesAnswer };
  const room = { 200: RoomPreferencesAnswer };
  const admin = { 200: AdminSettingsAnswer };
  app.get("/me/preferences", { schema: { tags: ["preferences"], response: account } }, async (req) =>
    accountAnswer(await userPrefs(me(req).userId, "prefs")),
  );

  const putAccount = { tags: ["preferences"], body: AccountPrefsBody, response: account };
  app.put("/me/preferences", { schema: putAccount }, async (req) => {
    const p = me(req);
    const saved = mergeSaved(await userPrefs(p.userId, "prefs"), req.body as Json);
    const kw = saved.keywords as string[] | undefined;
    // keywords mirrored to a column so posting reads only users who have some (MEN-4).
    await db
      .updateTable("users")
      .set({ prefs: JSON.stringify(saved), keywords: kw?.length ? JSON.stringify(kw) : null })
      .where("id", "=", p.userId)
      .execute();
    await changed(services, p.userId, "account");
    return accountAnswer(saved);
  });

  app.get("/me/agent-preferences", { schema: { tags: ["preferences"], response: agent } }, async (req) => {
    const saved = await userPrefs(me(req).userId, "agent_prefs");
    const settings = await loadAdminSettings(db);
    return {
      saved,
      effective: resolveAgentPreferences(saved, settings.defaults.agent),
      defaults: resolveAgentPreferences({}, settings.defaults.agent),
    };
  });

  app.put(
    "/me/agent-preferences",
    { schema: { tags: ["preferences"], body: AgentPrefsBody, response: agent } },
    async (req) => {
      const p = me(req);
      const saved = mergeSaved(await userPrefs(p.userId, "agent_prefs"), req.body as Json);
      await db
        .updateTable("users")
        .set({ agent_prefs: JSON.stringify(saved) })
        .where("id", "=", p.userId)
        .execute();
      await changed(services, p.userId, "agent");
      const settings = await loadAdminSettings(db);
      return {
        saved,
        effective: resolveAgentPreferences(saved, settings.defaults.agent),
        defaults: resolveAgentPreferences({}, settings.defaults.agent),
      };
    },
  );

  const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
  const memberPrefs = async (roomId: string, userId: string) => {
    const access = await visibleRoom(db, roomId, userId);
    if (!access || access.lastReadSeq === null) throw notFound("room_not_found", "no such room");
    return JSON.parse(access.prefs ?? "{}") as Json;
  };

  const getRoom = { tags: ["preferences"], params: Params, response: room };
  app.get("/rooms/:id/preferences", { schema: getRoom }, async (req) => {
    const p = me(req);
    return roomAnswer(p.userId, await memberPrefs(req.params.id, p.userId));
  });

  app.put(
    "/rooms/:id/preferences",
    { schema: { tags: ["preferences"], params: Params, body: RoomPrefsBody, response: room } },
    async (req) => {
      const p = me(req);
      const patch = { ...req.body } as Json;
      if (typeof patch.snooze === "string") {
        // PRF-35 presets become an end time now; "forever" = until I unsnooze.
        patch.snooze = {
          until: patch.snooze === "forever" ? null : services.clock.now() + SNOOZE_MS[patch.snooze],
        };
      }
      const saved = mergeSaved(await memberPrefs(req.params.id, p.userId), patch) as SavedRoomPreferences &
        Json;
      await db
        .updateTable("memberships")
        .set({ prefs: JSON.stringify(saved) })
        .where("room_id", "=", req.params.id)
        .where("user_id", "=", p.userId)
        .execute();
      await changed(services, p.userId, "room", req.params.id);
      return roomAnswer(p.userId, saved);
    },
  );

  const getAdmin = { tags: ["admin"], response: admin };
  app.get("/admin/settings", { schema: getAdmin, config: { auth: "admin" } }, async () => {
    const saved = adminSaved(await savedSettings(db));
    return { saved, effective: effectiveAdminSettings(saved) };
  });

  app.put(
    "/admin/settings",
    { schema: { tags: ["admin"], body: AdminSettingsBody, response: admin }, config: { auth: "admin" } },
    async (req) => {
      const now = services.clock.now();
      const current = adminSaved(await savedSettings(db));
      const merged = mergeSaved(current, req.body as Json);
      const removed = Object.keys(current).filter((k) => !(k in merged));
      await db.transaction().execute(async (trx) => {
        if (removed.length) await trx.deleteFrom("workspace_settings").where("key", "in", removed).execute();
        await saveSettings(trx, merged, now);
      });
      await changed(services, me(req).userId, "workspace");
      return { saved: merged, effective: effectiveAdminSettings(merged) };
    },
  );
}
