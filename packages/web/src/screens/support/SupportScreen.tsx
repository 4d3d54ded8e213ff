import { ConversationList } from "../../components/support/ConversationList.tsx";
import { ConversationView } from "../../components/support/ConversationView.tsx";
import { PendingQueue } from "../../components/support/PendingQueue.tsx";
import { linkClick } from "../../lib/router.ts";

/** Support console: pending queue (live, SUP-3), conversations mine / unassigned / all, one conversation. */
export function SupportScreen({ parts }: { parts: string[] }) {
  const id = parts[0] === "c" ? parts[1] : undefined;
  const filter = parts[0] === "list" ? (parts[1] ?? "mine") : "mine";
  return (
    <div className={`support${id ? " has-conversation" : ""}`}>
      <aside className="support-side" aria-label="Queues">
        <PendingQueue />
        <ConversationList filter={filter} activeId={id} />
        <a className="small" href="/settings/agent" onClick={linkClick("/settings/agent")}>
          Agent notification settings
        </a>
      </aside>
      {id ? <ConversationView key={id} id={id} /> : <p className="empty">Pick a conversation.</p>}
    </div>
  );
}
