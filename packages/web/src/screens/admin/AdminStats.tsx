import { useGet } from "../../lib/data.ts";

type Row = Record<string, unknown>;

function rowsOf(raw: unknown, key: string): Row[] {
  if (Array.isArray(raw)) return raw as Row[];
  const o = (raw ?? {}) as Record<string, unknown>;
  if (Array.isArray(o[key])) return o[key] as Row[];
  // {push: {sent: 3, skipped: {...}}} → flat rows
  return Object.entries(o).flatMap(([channel, v]) =>
    v && typeof v === "object"
      ? Object.entries(v as Record<string, unknown>).map(([outcome, n]) => ({ channel, outcome, count: n }))
      : [{ channel, count: v }],
  );
}

function Table({ rows }: { rows: Row[] }) {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (rows.length === 0) return <p className="muted">Nothing yet.</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id
            <tr key={i}>
              {cols.map((c) => (
                <td key={c}>{typeof r[c] === "object" ? JSON.stringify(r[c]) : String(r[c] ?? "")}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** GEN-3: sent / skipped / failed per channel and reason, and the failures list (EML-7). */
export function AdminStats() {
  const stats = useGet<Row[]>("/admin/stats", (raw) => rowsOf(raw, "stats"));
  const failures = useGet<Row[]>("/admin/failures", (raw) => rowsOf(raw, "failures"));
  return (
    <div className="admin-grid">
      <section className="card">
        <h2 className="small">Deliveries by channel, outcome and reason</h2>
        {stats.error ? <p className="error">{stats.error}</p> : <Table rows={stats.data ?? []} />}
        <p className="muted small">
          Also as Prometheus metrics at <code>/metrics</code>.
        </p>
      </section>
      <section className="card">
        <h2 className="small">Failures</h2>
        {failures.error ? <p className="error">{failures.error}</p> : <Table rows={failures.data ?? []} />}
      </section>
    </div>
  );
}
