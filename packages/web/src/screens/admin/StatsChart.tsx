import { bucketLabel, outcomeWords, type Range } from "../../lib/deliveryWords.ts";

export interface Stat {
  channel: string;
  outcome: string;
  reason: string;
  count: number;
}
export interface Bucket {
  start: number;
  stats: Stat[];
}

const OUTCOMES = ["sent", "skipped", "failed"] as const;
const H = 120;
const BAR_GAP = 2;

/** One channel over the range: a stacked bar per time bucket (sent, left out, not delivered), plain SVG. */
export function TimeChart({
  title,
  channel,
  buckets,
  range,
}: {
  title: string;
  channel: string;
  buckets: Bucket[];
  range: Range;
}) {
  const per = buckets.map((b) => {
    const c = { sent: 0, skipped: 0, failed: 0 };
    for (const s of b.stats) if (s.channel === channel) c[s.outcome as keyof typeof c] += s.count;
    return c;
  });
  const max = Math.max(1, ...per.map((c) => c.sent + c.skipped + c.failed));
  const w = 10;
  const width = buckets.length * (w + BAR_GAP);
  const total = per.reduce((n, c) => n + c.sent + c.skipped + c.failed, 0);
  const first = buckets[0];
  return (
    <figure className="stats-chart" aria-label={`${title} over time`}>
      <figcaption>
        <strong>{title}</strong>{" "}
        <span className="muted small">{total === 1 ? "1 delivery" : `${total} deliveries`}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${title}: ${total} in this range`}
      >
        <line x1="0" y1={H - 0.5} x2={width} y2={H - 0.5} className="axis" />
        {per.map((c, i) => {
          let y = H;
          const b = buckets[i];
          return (
            <g key={b.start}>
              <title>
                {`${bucketLabel(b.start, range)}: ${OUTCOMES.map((o) => `${outcomeWords(o).toLowerCase()} ${c[o]}`).join(", ")}`}
              </title>
              {OUTCOMES.map((o) => {
                const h = (c[o] / max) * (H - 4);
                if (h <= 0) return null;
                y -= h;
                return (
                  <rect key={o} x={i * (w + BAR_GAP)} y={y} width={w} height={h} className={`bar-${o}`} />
                );
              })}
            </g>
          );
        })}
      </svg>
      {first && (
        <div className="stats-axis muted small">
          <span>{bucketLabel(first.start, range)}</span>
          <span>Now</span>
        </div>
      )}
    </figure>
  );
}

/** Bars of one channel's counts by reason, widest first, as CSS widths. */
export function ReasonBars({ rows }: { rows: { label: string; outcome: string; count: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  if (rows.length === 0) return <p className="muted small">Nothing in this range.</p>;
  return (
    <ul className="reason-bars">
      {rows.map((r) => (
        <li key={`${r.outcome}:${r.label}`}>
          <span className="reason-label">{r.label}</span>
          <span className="reason-track">
            <span className={`reason-fill bar-${r.outcome}`} style={{ width: `${(r.count / max) * 100}%` }} />
          </span>
          <span className="reason-count">{r.count}</span>
        </li>
      ))}
    </ul>
  );
}

export function Legend() {
  return (
    <p className="stats-legend small">
      {OUTCOMES.map((o) => (
        <span key={o}>
          <span className={`swatch bar-${o}`} aria-hidden="true" /> {outcomeWords(o)}
        </span>
      ))}
    </p>
  );
}
