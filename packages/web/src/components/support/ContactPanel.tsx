import { pageWords } from "../../lib/conversation-details.ts";
import { queryErrorText } from "../../lib/query.ts";
import { linkClick } from "../../lib/router.ts";
import { agoWords, clockWords } from "../../lib/when.ts";
import "../../styles/conversation-details.css";
import { conversationStatusWords } from "../../lib/explainWords.ts";
import { useContactDetails } from "./queries.ts";
import { useNow } from "./waiting.ts";

/** Who the contact is: name, email, since when, the pages they wrote from (as the widget sent them, newest
 *  first) and their other conversations. Reloaded with the conversation (its key is under the
 *  conversation's), since a new message may bring a new page. */
export function ContactPanel({ conversationId }: { conversationId: string }) {
  const details = useContactDetails(conversationId);
  const d = details.data;
  const now = useNow(30_000);
  if (details.error) return <p className="error">{queryErrorText(details)}</p>;
  if (!d) return <p className="muted small">Loading…</p>;
  const referrer = [...d.pages].reverse().find((p) => p.referrer)?.referrer;
  return (
    <div className="contact-details">
      <h2>{d.contact.name}</h2>
      <dl>
        <dt>Email</dt>
        <dd>{d.contact.email ? <a href={`mailto:${d.contact.email}`}>{d.contact.email}</a> : "Not given"}</dd>
        <dt>First seen</dt>
        <dd>
          {agoWords(d.contact.firstSeen, now)} (
          {clockWords(d.contact.firstSeen, now).replace(/^(at|on) /, "")})
        </dd>
        {referrer && (
          <>
            <dt>Came from</dt>
            <dd className="page-url" title={referrer}>
              {pageWords(referrer)}
            </dd>
          </>
        )}
      </dl>
      <h3>Pages</h3>
      {d.pages.length === 0 ? (
        <p className="muted small">The widget sent no page.</p>
      ) : (
        <ul className="contact-pages" aria-label="Pages">
          {d.pages.map((p) => (
            <li key={`${p.url}-${p.at}`}>
              <a href={p.url} target="_blank" rel="noreferrer noopener" className="page-url" title={p.url}>
                {pageWords(p.url)}
              </a>
              <span className="muted small">
                {" "}
                {agoWords(p.at, now)}
                {p.thisConversation ? "" : " · earlier conversation"}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>Previous conversations</h3>
      {d.conversations.length === 0 ? (
        <p className="muted small">None.</p>
      ) : (
        <ul className="contact-conversations" aria-label="Previous conversations">
          {d.conversations.map((c) => (
            <li key={c.id}>
              <a href={`/support/c/${c.id}`} onClick={linkClick(`/support/c/${c.id}`)}>
                <span className="conv-preview">{c.lastMessage?.text ?? "(no messages)"}</span>
                <span className="muted small">
                  {" "}
                  {agoWords(c.updatedAt, now)} ·{" "}
                  <span className={`status ${c.status}`}>{conversationStatusWords(c.status)}</span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
