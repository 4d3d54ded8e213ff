// My status (PRS-1, PRS-5): presence choice (auto | away | invisible) and do-not-disturb with an end:
// "for 1 hour", "until tomorrow" (the next midnight in the user's time zone), "until I change it", or a time.
import { isBusy, localMinuteOfWeek } from "@herald/core";
import { Type } from "typebox";
import type { DomainEvent } from "../../events.ts";
import type { Services } from "../../services.ts";
import type { UserRow } from "../../store/accounts.ts";
import { userById } from "../../store/accounts.ts";
import { badRequest, notFound } from "../errors.ts";
import { Nullable, ref, Time } from "../schemas/ref.ts";
import type { App } from "../types.ts";
import { me } from "../types.ts";

const strict = { additionalProperties: false } as const;
const HOUR = 3_600_000;

export interface StatusView {
  presence: UserRow["presence_choice"];
  /** `on` is false once `until` has passed (PRS-5: busy holds until its end, then ends by itself). */
  dnd: { on: boolean; until: number | null };
}

export function statusView(u: UserRow, now: number): StatusView {
  const busy = u.dnd_on === 1 ? { until: u.dnd_until } : null;
  const on = isBusy(busy, now);
  return { presence: u.presence_choice, dnd: { on, until: on ? u.dnd_until : null } };
}

/** The next local midnight in `timeZone` after `now` (DST days are 23 or 25 hours long). */
export function nextLocalMidnight(timeZone: string, now: number): number {
  const minuteOfDay = (t: number) => localMinuteOfWeek(timeZone, t) % 1440;
  let t = now + (1440 - minuteOfDay(now)) * 60_000;
  const off = minuteOfDay(t);
  // A DST change in between moved the wall clock: step back or forward to 00:00.
  if (off > 0.001) t += off < 720 ? -off * 60_000 : (1440 - off) * 60_000;
  return Math.round(t);
}

export const StatusSchema = Type.Object(
  {
    presence: Type.Union([Type.Literal("auto"), Type.Literal("away"), Type.Literal("invisible")], {
      description: "what I chose; auto follows my activity",
    }),
    dnd: Type.Object({
      on: Type.Boolean({ description: "do not disturb now" }),
      until: Nullable(Time),
    }),
  },
  { $id: "MyStatus", description: "my presence choice and do not disturb (PRS-1, PRS-5)" },
);

const DndPreset = Type.Union([Type.Literal("1h"), Type.Literal("tomorrow"), Type.Literal("forever")]);

const StatusBody = Type.Object(
  {
    presence: Type.Optional(
      Type.Union([Type.Literal("auto"), Type.Literal("away"), Type.Literal("invisible")]),
    ),
    dnd: Type.Optional(
      Type.Union([
        Type.Null(),
        DndPreset,
        Type.Object({ until: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]) }, strict),
      ]),
    ),
  },
  strict,
);

function dndUntil(dnd: "1h" | "tomorrow" | "forever" | { until: number | null }, u: UserRow, now: number) {
  if (dnd === "1h") return now + HOUR;
  if (dnd === "tomorrow") return nextLocalMidnight(u.timezone, now);
  if (dnd === "forever") return null;
  if (dnd.until !== null && dnd.until <= now) {
    throw badRequest("invalid_field", "dnd.until must be in the future", "dnd.until");
  }
  return dnd.until;
}

export function statusRoutes(app: App, services: Services): void {
  const { db } = services.store;
  const schema = { tags: ["me"], body: StatusBody, response: { 200: ref(StatusSchema) } };
  app.put("/me/status", { schema }, async (req) => {
    const p = me(req);
    const now = services.clock.now();
    const current = await userById(db, p.userId);
    if (!current) throw notFound("user_not_found", "no such user");
    const set: { presence_choice?: UserRow["presence_choice"]; dnd_on?: number; dnd_until?: number | null } =
      {};
    if (req.body.presence) set.presence_choice = req.body.presence;
    if (req.body.dnd !== undefined) {
      set.dnd_on = req.body.dnd ? 1 : 0;
      set.dnd_until = req.body.dnd ? dndUntil(req.body.dnd, current, now) : null;
    }
    if (Object.keys(set).length) await db.updateTable("users").set(set).where("id", "=", p.userId).execute();
    const status = statusView({ ...current, ...set }, now);
    const ev: DomainEvent = { type: "status.changed", at: now, userId: p.userId, ...status };
    await services.hooks.afterCommit([ev]);
    return status;
  });
}
