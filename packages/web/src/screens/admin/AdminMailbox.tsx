import { asList, formatTime, useGet } from "../../lib/data.ts";

interface Mail {
  id: string;
  to: string;
  subject: string;
  text?: string;
  status?: string;
  createdAt?: number;
}

/** EML-9: without SMTP, emails are kept here for the admin to read. Shown as text, never as HTML. */
export function AdminMailbox() {
  const mails = useGet<Mail[]>("/admin/mailbox", (raw) => asList<Mail>(raw, "emails"));
  return (
    <div className="admin-grid">
      <button type="button" onClick={mails.reload}>
        Refresh
      </button>
      {mails.error && <p className="error">{mails.error}</p>}
      {mails.data?.length === 0 && <p className="empty">The dev mailbox is empty.</p>}
      {(mails.data ?? []).map((m) => (
        <details key={m.id} className="mail">
          <summary>
            <strong>{m.subject}</strong> <span className="muted">to {m.to}</span>{" "}
            <span className="muted small">{formatTime(m.createdAt)}</span>{" "}
            {m.status && <span className="tag">{m.status}</span>}
          </summary>
          <pre>{m.text ?? ""}</pre>
        </details>
      ))}
    </div>
  );
}
