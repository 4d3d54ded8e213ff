import { useState } from "react";
import { queryErrorText, useApiQuery } from "../../lib/query.ts";
import { formatTime } from "../../lib/when.ts";

interface Mail {
  messageId: string;
  from?: string;
  to: string;
  subject: string;
  text?: string;
  html?: string | null;
  kind?: string;
  createdAt?: number;
}

/** EML-9: without SMTP, emails are kept here for the admin to read, like Mailpit or MailHog: the HTML part as
 *  the recipient would see it, or the plain-text part. */
export function AdminMailbox() {
  const mailbox = useApiQuery<{ emails: Mail[] }>(["admin", "mailbox"], "/admin/mailbox");
  const mails = mailbox.data?.emails;
  return (
    <div className="admin-grid">
      <button type="button" onClick={() => mailbox.refetch()}>
        Refresh
      </button>
      {mailbox.error && <p className="error">{queryErrorText(mailbox)}</p>}
      {mails?.length === 0 && <p className="empty">The dev mailbox is empty.</p>}
      {(mails ?? []).map((m) => (
        <details key={m.messageId} className="mail">
          <summary>
            <strong>{m.subject}</strong> <span className="muted">to {m.to}</span>{" "}
            <span className="muted small">{formatTime(m.createdAt)}</span>{" "}
            {m.kind && <span className="tag">{m.kind.replaceAll("_", " ")}</span>}
          </summary>
          <MailBody mail={m} />
        </details>
      ))}
    </div>
  );
}

function MailBody({ mail }: { mail: Mail }) {
  const [asHtml, setAsHtml] = useState(Boolean(mail.html));
  return (
    <div className="mail-body">
      <div className="mail-meta small muted">
        {mail.from && <span>From {mail.from}</span>}
        {mail.html && (
          // biome-ignore lint/a11y/useSemanticElements: a two-button toggle, as in mail clients
          <span role="group" aria-label="Show as" className="segmented">
            <button type="button" aria-pressed={asHtml} onClick={() => setAsHtml(true)}>
              HTML
            </button>
            <button type="button" aria-pressed={!asHtml} onClick={() => setAsHtml(false)}>
              Plain text
            </button>
          </span>
        )}
      </div>
      {asHtml && mail.html ? (
        // No allow-scripts and no allow-same-origin: the mail runs no script and has an opaque origin, so it
        // cannot reach the app or its cookies. Its links open in a new tab, as in a mail client.
        <iframe
          className="mail-html"
          title={`Email: ${mail.subject}`}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          srcDoc={`<base target="_blank">${mail.html}`}
        />
      ) : (
        <pre>{mail.text ?? ""}</pre>
      )}
    </div>
  );
}
