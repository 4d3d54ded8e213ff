import { useState } from "react";
import {
  channelWords,
  deliveryReasonWords,
  outcomeWords,
  platformOutcomeWords,
  platformWords,
  RANGES,
  type Range,
} from "../../lib/deliveryWords.ts";
import { queryErrorText, useApiQuery } from "../../lib/query.ts";
import { agoWords } from "../../lib/when.ts";
import { type Bucket, Legend, ReasonBars, type Stat, TimeChart } from "./StatsChart.tsx";

interface Stats {
  from: number;
  to: number;
  stats: Stat[];
  buckets: Bucket[];
  pending: Record<string, number>;
  platforms: { platform: string; outcome: string; count: number }[];
}
interface Failure {
  id: string;
  channel: string;
  reason: string | null;
  attempts: number;
  failedAt: number;
}

// Banners (counted from the fan-out's recorded decisions) and the channels the outbox delivers.
const SHOWN = ["banner", "push", "email"];

/** Per channel, each reason in words with its count; one reason's words can come from several rules. */
function reasonRows(stats: Stat[], channel: string) {
  const rows = new Map<string, { label: string; outcome: string; count: number }>();
  for (const s of stats) {
    if (s.channel !== channel) continue;
    const label = deliveryReasonWords(s.outcome, s.reason);
    const key = `${s.outcome}:${label}`;
    const have = rows.get(key);
    if (have) have.count += s.count;
    else rows.set(key, { label, outcome: s.outcome, count: s.count });
  }
  return [...rows.values()].sort((a, b) => b.count - a.count);
}

/** GEN-3: deliveries per channel and reason over a chosen range, in words, and the failures (EML-7). */
export function AdminStats() {
  const [range, setRange] = useState<Range>("day");
  const data = useApiQuery<Stats>(["admin", "stats", range], `/admin/stats?range=${range}`);
  const failed = useApiQuery<{ failures: Failure[] }>(["admin", "failures"], "/admin/failures?limit=50");
  const failures = { data: failed.data?.failures, error: queryErrorText(failed) };
  const s = data.data;
  const channels = [...new Set([...SHOWN, ...(s?.stats ?? []).map((x) => x.channel)])];
  const now = Date.now();
  return (
    <div className="admin-grid">
      <section className="card" aria-labelledby="stats-title">
        <div className="row stats-head">
          <h2 className="small grow" id="stats-title">
            Deliveries
          </h2>
          <fieldset className="segmented" aria-label="Time range">
            {RANGES.map(([id, label]) => (
              <label key={id} className={range === id ? "on" : undefined}>
                <input
                  type="radio"
                  name="range"
                  value={id}
                  checked={range === id}
                  onChange={() => setRange(id)}
                />
                {label}
              </label>
            ))}
          </fieldset>
        </div>
        {data.error && <p className="error">{queryErrorText(data)}</p>}
        {s && (
          <>
            <Legend />
            <div className="stats-channels">
              {channels.map((c) => {
                const of = s.stats.filter((x) => x.channel === c);
                const sum = (o: string) => of.filter((x) => x.outcome === o).reduce((n, x) => n + x.count, 0);
                return (
                  <section key={c} className="stats-channel" aria-label={channelWords(c)}>
                    <TimeChart title={channelWords(c)} channel={c} buckets={s.buckets} range={range} />
                    <p className="small stats-totals">
                      {(["sent", "skipped", "failed"] as const)
                        .map((o) => `${outcomeWords(o)}: ${sum(o)}`)
                        .join(" · ")}
                      {s.pending[c] ? ` · Waiting now: ${s.pending[c]}` : ""}
                    </p>
                    <h3 className="small">By reason</h3>
                    <ReasonBars rows={reasonRows(s.stats, c)} />
                  </section>
                );
              })}
            </div>
            {s.platforms.length > 0 && (
              <>
                <h3 className="small">Pushes by device kind (since the server started counting)</h3>
                <ul className="small plain-list">
                  {s.platforms.map((p) => (
                    <li key={`${p.platform}:${p.outcome}`}>
                      {platformWords(p.platform)} — {platformOutcomeWords(p.outcome).toLowerCase()}: {p.count}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p className="muted small">
              Also as Prometheus metrics at <code>/metrics</code>.
            </p>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="failures-title">
        <h2 className="small" id="failures-title">
          Recent failures
        </h2>
        {failures.error && <p className="error">{failures.error}</p>}
        {failures.data && failures.data.length === 0 && <p className="muted">No failed deliveries.</p>}
        {failures.data && failures.data.length > 0 && (
          <ul className="small plain-list">
            {failures.data.map((f) => (
              <li key={f.id}>
                {channelWords(f.channel)}: {deliveryReasonWords("failed", (f.reason ?? "").split(" ")[0])}{" "}
                after {f.attempts === 1 ? "1 try" : `${f.attempts} tries`}, {agoWords(f.failedAt, now)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
