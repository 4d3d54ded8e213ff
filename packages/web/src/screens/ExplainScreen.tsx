import { useEffect, useId, useState } from "react";
import { ExplainSubject, type Subject } from "../components/ExplainSubject.tsx";
import {
  CHANNELS,
  type ChannelAnswer,
  channelSentence,
  decisionWords,
  type Reason,
  reasonsOf,
  type SettingLink,
  settingsFor,
  triggerSentence,
} from "../lib/explainWords.ts";
import { keys, queryErrorText, useApiQuery } from "../lib/query.ts";
import { linkClick } from "../lib/router.ts";
import { ruleWords } from "../lib/rules.ts";
import { useMe } from "../lib/session.tsx";
import { detailWords, momentWords } from "../lib/when.ts";

interface Answer {
  trigger: string | null;
  triggerReasons?: Reason[];
  subject?: Subject | null;
  channels: Record<string, ChannelAnswer>;
}

/** The clock the sentences are phrased against ("in 40 s" counts down), ticking once a second. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}

/**
 * "Why was I notified — or not?" (EXP-1, EXP-2): per channel, what was decided and why, in a sentence with
 * times in words; the rule IDs behind each decision stay behind "Details" (GEN-9).
 */
export function ExplainScreen({ messageId }: { messageId: string }) {
  const me = useMe();
  const now = useNow();
  const [user, setUser] = useState("");
  const [asked, setAsked] = useState("");
  const [details, setDetails] = useState(false);
  const detailsId = useId();
  const q = `/notifications/explain?message=${encodeURIComponent(messageId)}${asked ? `&user=${encodeURIComponent(asked)}` : ""}`;
  const answer = useApiQuery<Answer>(keys.explain(q), q);
  const data = answer.data ?? null;
  const error = queryErrorText(answer);
  const loading = answer.isFetching;
  const channels = data ? CHANNELS.filter(([id]) => data.channels[id]) : [];
  // A trigger of none: every channel carries the same reasons, the ones that say why not.
  const whyNot = data?.triggerReasons ?? (data ? (data.channels.inbox?.reasons ?? []) : []);
  const room = { id: data?.subject?.roomId, kind: data?.subject?.roomKind };
  // Links go to the asker's own settings: when an admin asks about someone else, there is none to change.
  const links = (reasons: Reason[]) => (asked ? [] : settingsFor(reasons, room));
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
          <p className="explain-trigger">
            {triggerSentence(data.trigger, data.trigger ? [] : whyNot, now)}
            {!data.trigger && <ChangeLinks links={links(whyNot)} />}
          </p>
          <ul className="explain-sentences">
            {channels.map(([id, label]) => (
              <li key={id} data-channel={id} className={`decision-line ${data.channels[id].decision}`}>
                {channelSentence(label, id, data.channels[id], now)}
                <ChangeLinks links={links(reasonsOf(data.channels[id]))} />
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="link small"
            aria-expanded={details}
            aria-controls={detailsId}
            onClick={() => setDetails((d) => !d)}
          >
            {details ? "Hide details" : "Details"}
          </button>
          {details && <Details id={detailsId} data={data} now={now} />}
        </>
      )}
    </div>
  );
}

/**
 * "Change this setting" after a reason, to the setting that decides it (the room's preferences open). When two
 * settings decide one line, each link names its place, so the line never reads the same words twice.
 */
function ChangeLinks({ links }: { links: SettingLink[] }) {
  return links.map((l) => (
    <a
      key={l.href}
      className="change-setting small"
      href={l.href}
      onClick={linkClick(l.href)}
      aria-label={`Change this setting: ${l.where}`}
    >
      {links.length > 1 ? `Change ${l.where}` : "Change this setting"}
    </a>
  ));
}

/** The rules behind each decision, with their IDs — for people checking against the SPEC. */
function Details({ id, data, now }: { id: string; data: Answer; now: number }) {
  return (
    <div className="table-wrap" id={id}>
      <p className="small">
        Trigger: <strong>{data.trigger ?? "none"}</strong> <span className="rule">TRG-1</span>
      </p>
      <table className="explain">
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">Decision</th>
            <th scope="col">Rules and facts</th>
          </tr>
        </thead>
        <tbody>
          {CHANNELS.map(([ch, label]) => {
            const c = data.channels[ch];
            if (!c) return null;
            const reasons = c.reasons.length ? c.reasons : (c.aggregate?.reasons ?? []);
            return (
              <tr key={ch} data-channel={ch}>
                <th scope="row">{label}</th>
                <td className={`decision ${c.decision}`}>
                  {decisionWords(c.decision, ch)}
                  {c.at ? <div className="muted small">{momentWords(c.at, now)}</div> : null}
                  {typeof c.dueAt === "number" ? (
                    <div className="muted small">may go {momentWords(c.dueAt, now)}</div>
                  ) : null}
                </td>
                <td>
                  <ul className="reasons">
                    {reasons.map((r) => (
                      <li key={r.rule + r.fact}>
                        {detailWords(r.fact, now) || ruleWords(r.rule)} <span className="rule">{r.rule}</span>
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
  );
}
