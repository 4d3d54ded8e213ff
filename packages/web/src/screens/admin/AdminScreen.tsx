import { linkClick } from "../../lib/router.ts";
import { revealTab } from "../../lib/tabs.ts";
import { AdminCanned } from "./AdminCanned.tsx";
import { AdminInboxes } from "./AdminInboxes.tsx";
import { AdminMailbox } from "./AdminMailbox.tsx";
import { AdminSettings } from "./AdminSettings.tsx";
import { AdminStats } from "./AdminStats.tsx";
import { AdminUsers } from "./AdminUsers.tsx";
import "../../styles/admin.css";

const TABS: [string, string][] = [
  ["users", "Users"],
  ["inboxes", "Inboxes"],
  ["canned", "Canned replies"],
  ["settings", "Workspace settings"],
  ["stats", "Delivery statistics"],
  ["mailbox", "Dev mailbox"],
];

export function AdminScreen({ section }: { section: string }) {
  return (
    <div className="page">
      <h1>Administration</h1>
      <nav className="tabs" aria-label="Administration">
        {TABS.map(([id, label]) => (
          <a
            key={id}
            className="tab"
            href={`/admin/${id}`}
            onClick={linkClick(`/admin/${id}`)}
            aria-current={section === id ? "page" : undefined}
            ref={section === id ? revealTab : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      {section === "users" && <AdminUsers />}
      {section === "inboxes" && <AdminInboxes />}
      {section === "canned" && <AdminCanned />}
      {section === "settings" && <AdminSettings />}
      {section === "stats" && <AdminStats />}
      {section === "mailbox" && <AdminMailbox />}
    </div>
  );
}
