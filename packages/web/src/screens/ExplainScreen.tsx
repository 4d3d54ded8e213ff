import { useState } from "react";
import { ExplainSubject, type Subject } from "../components/ExplainSubject.tsx";
import { useGet } from "../lib/data.ts";
import { decisionWords, ruleWords } from "../lib/rules.ts";
import { useMe } from "../lib/session.tsx";

interface Reason {
  rule: string;
  fact: string;
}
interface ChannelAnswer {
  decision: string;
  at?: number;
  source?: string;
  reasons: Reason[];
  aggregate?: { decision: string; count: number; reasons: Reason[] };
}
interface Answer {
  trigger: string | null;
  subject?: Subject | null;
  channels: Record<string, ChannelAnswer>;
  text?: string[];
}

const CHANNELS: [string, string][] = [
  ["banner", "Desktop banner"],
  ["sound", "Sound"],
  ["push", "Mobile / web push"],
  ["email", "Email"],
  ["inbox", "In-app inbox"],
];

/** "Why was I notified — or not?" (EXP-1, EXP-2): the decision per channel in words, with the rule IDs. */
export function ExplainScreen({ messageId }: { messageId: string }) {
  const me = useMe();
  const [user, setUser] = useState("");
  const [asked, setAsked] = useState("");
  const q = `/notifications/explain?message=${encodeURIComponent(messageId)}${asked ? `&user=${encodeURIComponent(asked)}` : ""}`;
  const { data, error, loading } = useGet<Answer>(q, (raw) => raw as Answer);
  return (
    <div className="page">
      <h1>Why was I notified — or not?</h1>
      {me.role === "admin" && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            setAsked(user.trim());
          }}
        >
          <label className="grow">
            Ask about another user (user id; admins only)
            <input value={user} onChange={(e) => setUser(e.target.value)} placeholder="me" />
          </label>
          <button type="submit">Explain</button>
        </form>
      )}
      <ExplainSubject messageId={messageId} subject={data?.subject} />
      {loading && <p className="muted">Working it out…</p>}
      {error && <p className="error">{error}</p>}
      {data && (
        <>
          <p>
            Trigger: <strong>{data.trigger ?? "none — this message did not concern you"}</strong>{" "}
            <span className="rule">TRG-1</span>
          </p>
          <div className="table-wrap">
            <table className="explain">
              <thead>
                <tr>
                  <th scope="col">Channel</th>
                  <th scope="col">Decision</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {CHANNELS.map(([id, label]) => {
                  const c = data.channels[id];
                  if (!c) return null;
                  const reasons = c.reasons.length ? c.reasons : (c.aggregate?.reasons ?? []);
                  return (
                    <tr key={id} data-channel={id}>
                      <th scope="row">{label}</th>
                      <td className={`decision ${c.decision}`}>
                        {decisionWords(c.decision, id)}
                        {c.at ? <div className="muted small">{new Date(c.at).toLocaleString()}</div> : null}
                      </td>
                      <td>
                        <ul className="reasons">
                          {reasons.map((r) => (
                            <li key={r.rule + r.fact}>
                              {r.fact || ruleWords(r.rule) || "rule"} <span className="rule">{r.rule}</span>
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {data.text && data.text.length > 0 && (
            <section className="card">
              <h2 className="small">In short</h2>
              <ul>
                {data.text.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
