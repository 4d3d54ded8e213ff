// GEN-3 for admins: delivery statistics (sent / skipped / failed per channel and reason), the failed
// deliveries, and the dev mailbox (EML-9). The same counters are Prometheus metrics (herald_deliveries_total).
import { sql } from "kysely";
import { Type } from "typebox";
import { sqlMailbox } from "../../jobs/channels.ts";
import type { Services } from "../../services.ts";
import { platformStats } from "../../store/push-devices.ts";
import { Nullable, Time } from "../named-schemas.ts";
import type { App } from "../types.ts";

const Limit = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
  { additionalProperties: false },
);
const OUTCOME: Record<string, string> = { sent: "sent", dropped: "skipped", failed: "failed" };
const HOUR = 3_600_000;
/** The ranges the admin page offers and the width of one bar of its chart in each. */
const RANGES = {
  hour: { spanMs: HOUR, bucketMs: 5 * 60_000 },
  day: { spanMs: 24 * HOUR, bucketMs: HOUR },
  week: { spanMs: 7 * 24 * HOUR, bucketMs: 6 * HOUR },
  month: { spanMs: 30 * 24 * HOUR, bucketMs: 24 * HOUR },
} as const;
const StatsQuery = Type.Object(
  {
    range: Type.Optional(
      Type.Union([Type.Literal("hour"), Type.Literal("day"), Type.Literal("week"), Type.Literal("month")]),
    ),
  },
  { additionalProperties: false },
);

const Range = Type.Union([
  Type.Literal("hour"),
  Type.Literal("day"),
  Type.Literal("week"),
  Type.Literal("month"),
]);
// Without an $id: one answer holds it twice (the totals and each bucket), which the serializer refuses.
const StatSchema = Type.Object({
  channel: Type.String({ description: "push, email or banner" }),
  outcome: Type.String({ description: "sent, skipped or failed" }),
  reason: Type.String({ description: "sent, or the rule or error word that decided" }),
  count: Type.Integer(),
});
const DeliveryStatsSchema = Type.Object(
  {
    range: Range,
    from: Time,
    to: Time,
    bucketMs: Type.Integer({ description: "the width of one bar of the chart" }),
    stats: Type.Array(StatSchema),
    buckets: Type.Array(Type.Object({ start: Time, stats: Type.Array(StatSchema) })),
    pending: Type.Record(Type.String(), Type.Integer(), { description: "deliveries waiting, per channel" }),
    platforms: Type.Array(
      Type.Object({ platform: Type.String(), outcome: Type.String(), count: Type.Integer() }),
      { description: "each push to each device, per device platform" },
    ),
  },
  { $id: "DeliveryStats" },
);
const FailedDeliverySchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.String(),
    channel: Type.Union([Type.Literal("push"), Type.Literal("email")]),
    userId: Nullable(Type.String()),
    roomId: Nullable(Type.String()),
    messageId: Nullable(Type.String()),
    attempts: Type.Integer(),
    reason: Nullable(Type.String()),
    createdAt: Time,
    failedAt: Time,
  },
  { $id: "FailedDelivery" },
);
const StoredEmailSchema = Type.Object(
  {
    messageId: Type.String(),
    from: Type.String(),
    to: Type.String(),
    subject: Type.String(),
    text: Type.String(),
    html: Type.String(),
    headers: Type.Record(Type.String(), Type.String()),
    kind: Type.String(),
    userId: Type.Optional(Type.String()),
    createdAt: Time,
  },
  { $id: "StoredEmail" },
);

interface Stat {
  channel: string;
  outcome: string;
  reason: string;
  count: number;
}

/** The first rule of a recorded chain (a JSON array of rule IDs), or null for a row that is not one. */
function firstRule(rules: string): string | null {
  try {
    const list: unknown = JSON.parse(rules);
    return Array.isArray(list) && typeof list[0] === "string" ? list[0] : null;
  } catch {
    return null;
  }
}

function addTo(list: Stat[], s: Stat): void {
  const have = list.find((x) => x.channel === s.channel && x.outcome === s.outcome && x.reason === s.reason);
  if (have) have.count += s.count;
  else list.push({ ...s });
}

export function adminDeliveryRoutes(app: App, services: Services): void {
  const { db } = services.store;
  app.get(
    "/admin/stats",
    {
      schema: { tags: ["admin"], querystring: StatsQuery, response: { 200: DeliveryStatsSchema } },
      config: { auth: "admin" },
    },
    async (req) => {
      const range = RANGES[req.query.range ?? "day"];
      const to = services.clock.now();
      const from = to - range.spanMs;
      // Finished rows of the outbox in the range, grouped by channel, outcome, the rule that decided (the
      // reason's first word) and the time bucket they finished in. Rows still waiting are counted apart.
      // Literals, not parameters: PostgreSQL matches the GROUP BY to the select list by its text, and two
      // parameters with one value are different texts. Both are numbers the server computed.
      const bucket = sql<number>`cast((updated_at - ${sql.lit(from)}) / ${sql.lit(range.bucketMs)} as integer)`;
      const rows = await db
        .selectFrom("deliveries")
        .select(["channel", "state", "reason", bucket.as("b"), (eb) => eb.fn.countAll<number>().as("n")])
        .where("kind", "not in", ["room", "batch"])
        // Rows still waiting count whenever they were last touched: "waiting now" is not about the range.
        .where((eb) =>
          eb.or([eb("updated_at", ">=", from), eb("state", "in", ["pending", "claimed", "batched"])]),
        )
        .groupBy(["channel", "state", "reason", bucket])
        .execute();
      const stats: Stat[] = [];
      const buckets = Array.from({ length: Math.ceil(range.spanMs / range.bucketMs) }, (_, i) => ({
        start: from + i * range.bucketMs,
        stats: [] as Stat[],
      }));
      const pending: Record<string, number> = { push: 0, email: 0 };
      for (const r of rows) {
        const outcome = OUTCOME[r.state];
        if (!outcome) {
          pending[r.channel] = (pending[r.channel] ?? 0) + Number(r.n);
          continue;
        }
        const reason = r.state === "sent" ? "sent" : (r.reason ?? "").split(" ")[0] || "unknown";
        const row = { channel: r.channel, outcome, reason, count: Number(r.n) };
        addTo(stats, row);
        const b = buckets[Math.min(buckets.length - 1, Math.max(0, Number(r.b)))];
        addTo(b.stats, row);
      }
      // Banners never pass through the outbox: the fan-out's recorded decisions (EXP-3) say who got one and,
      // for everyone else, the one rule that left them out (an aggregate row with its count).
      const shownAt = sql<number>`cast((at - ${sql.lit(from)}) / ${sql.lit(range.bucketMs)} as integer)`;
      const banners = await db
        .selectFrom("decisions")
        .select(["outcome", "rules", shownAt.as("b"), (eb) => eb.fn.sum<number>("count").as("n")])
        .where("channel", "=", "banner")
        .where("at", ">=", from)
        .groupBy(["outcome", "rules", shownAt])
        .execute();
      for (const r of banners) {
        const shown = r.outcome === "delivered";
        // The sender of each message is recorded as left out (MEN-5); they were never a recipient.
        if (!shown && firstRule(r.rules) === "MEN-5") continue;
        const row = {
          channel: "banner",
          outcome: shown ? "sent" : "skipped",
          reason: shown ? "sent" : (firstRule(r.rules) ?? "unknown"),
          count: Number(r.n),
        };
        addTo(stats, row);
        addTo(buckets[Math.min(buckets.length - 1, Math.max(0, Number(r.b)))].stats, row);
      }
      // Per device platform (webpush, webhook, apns, fcm): each push to each device, sent / gone / retry / failed.
      return {
        range: req.query.range ?? "day",
        from,
        to,
        bucketMs: range.bucketMs,
        stats,
        buckets,
        pending,
        platforms: await platformStats(db),
      };
    },
  );

  app.get(
    "/admin/failures",
    {
      schema: {
        tags: ["admin"],
        querystring: Limit,
        response: { 200: Type.Object({ failures: Type.Array(FailedDeliverySchema) }) },
      },
      config: { auth: "admin" },
    },
    async (req) => {
      const rows = await db
        .selectFrom("deliveries")
        .select([
          "id",
          "kind",
          "channel",
          "user_id",
          "room_id",
          "message_id",
          "attempts",
          "reason",
          "updated_at",
          "created_at",
        ])
        .where("state", "=", "failed")
        .orderBy("updated_at", "desc")
        .limit(req.query.limit ?? 100)
        .execute();
      return {
        failures: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          channel: r.channel,
          userId: r.user_id,
          roomId: r.room_id,
          messageId: r.message_id,
          attempts: r.attempts,
          reason: r.reason,
          createdAt: Number(r.created_at),
          failedAt: Number(r.updated_at),
        })),
      };
    },
  );

  app.get(
    "/admin/mailbox",
    {
      schema: {
        tags: ["admin"],
        querystring: Limit,
        response: { 200: Type.Object({ emails: Type.Array(StoredEmailSchema) }) },
      },
      config: { auth: "admin" },
    },
    async (req) => ({
      emails: await sqlMailbox(db).list(req.query.limit ?? 100),
    }),
  );
}
