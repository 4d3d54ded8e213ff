// GEN-3 for admins: delivery statistics (sent / skipped / failed per channel and reason), the failed
// deliveries, and the dev mailbox (EML-9). The same counters are Prometheus metrics (herald_deliveries_total).
import { Type } from "typebox";
import { sqlMailbox } from "../../jobs/channels.ts";
import type { Services } from "../../services.ts";
import type { App } from "../types.ts";

const Limit = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
  { additionalProperties: false },
);
const OUTCOME: Record<string, string> = { sent: "sent", dropped: "skipped", failed: "failed" };

export function adminDeliveryRoutes(app: App, services: Services): void {
  const { db } = services.store;
  app.get("/admin/stats", { schema: { tags: ["admin"] }, config: { auth: "admin" } }, async () => {
    // Finished rows of the outbox grouped by channel, outcome and the rule that decided (reason's first word).
    const rows = await db
      .selectFrom("deliveries")
      .select(["channel", "state", "reason", (eb) => eb.fn.countAll<number>().as("n")])
      .where("kind", "not in", ["room", "batch"])
      .groupBy(["channel", "state", "reason"])
      .execute();
    const stats: { channel: string; outcome: string; reason: string; count: number }[] = [];
    const pending: Record<string, number> = { push: 0, email: 0 };
    for (const r of rows) {
      const outcome = OUTCOME[r.state];
      if (!outcome) {
        pending[r.channel] = (pending[r.channel] ?? 0) + Number(r.n);
        continue;
      }
      const reason = r.state === "sent" ? "sent" : (r.reason ?? "").split(" ")[0] || "unknown";
      const have = stats.find((s) => s.channel === r.channel && s.outcome === outcome && s.reason === reason);
      if (have) have.count += Number(r.n);
      else stats.push({ channel: r.channel, outcome, reason, count: Number(r.n) });
    }
    return { stats, pending };
  });

  app.get(
    "/admin/failures",
    { schema: { tags: ["admin"], querystring: Limit }, config: { auth: "admin" } },
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
    { schema: { tags: ["admin"], querystring: Limit }, config: { auth: "admin" } },
    async (req) => ({
      emails: await sqlMailbox(db).list(req.query.limit ?? 100),
    }),
  );
}
