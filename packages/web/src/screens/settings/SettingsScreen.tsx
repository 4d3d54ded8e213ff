import { linkClick } from "../../lib/router.ts";
import { useMe } from "../../lib/session.tsx";
import { revealTab } from "../../lib/tabs.ts";
import { AccountSettings } from "./AccountSettings.tsx";
import { AgentSettings } from "./AgentSettings.tsx";
import { NotificationSettings } from "./NotificationSettings.tsx";
import { PasswordSettings } from "./PasswordSettings.tsx";
import { TokenSettings } from "./TokenSettings.tsx";

export function SettingsScreen({ section }: { section: string }) {
  const me = useMe();
  const tabs: [string, string][] = [
    ["notifications", "Notifications"],
    ["account", "Profile"],
    ["token", "Access token"],
  ];
  if (me.role !== "member") tabs.splice(1, 0, ["agent", "Agent notifications"]);
  return (
    <div className="page">
      <h1>My Account › Preferences</h1>
      <nav className="tabs" aria-label="Preferences">
        {tabs.map(([id, label]) => (
          <a
            key={id}
            className="tab"
            href={`/settings/${id}`}
            onClick={linkClick(`/settings/${id}`)}
            aria-current={section === id ? "page" : undefined}
            ref={section === id ? revealTab : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      {section === "notifications" && <NotificationSettings />}
      {section === "agent" && <AgentSettings />}
      {section === "account" && (
        <>
          <AccountSettings />
          <PasswordSettings />
        </>
      )}
      {section === "token" && <TokenSettings />}
    </div>
  );
}
