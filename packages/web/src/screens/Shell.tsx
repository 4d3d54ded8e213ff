import type { Toast } from "@herald/sdk";
import { useCallback, useState } from "react";
import { CallBar } from "../components/CallBar.tsx";
import { Icon } from "../components/Icon.tsx";
import { InboxCount } from "../components/InboxCount.tsx";
import { PermissionPrompt } from "../components/PermissionPrompt.tsx";
import { RingDialog } from "../components/RingDialog.tsx";
import { SoundHint } from "../components/SoundHint.tsx";
import { Toasts } from "../components/Toasts.tsx";
import { UserMenu } from "../components/UserMenu.tsx";
import { LiveProvider, useLive } from "../lib/live.tsx";
import { linkClick, useLocation } from "../lib/router.ts";
import { useMe } from "../lib/session.tsx";
import { Routes } from "./Routes.tsx";

export function Shell() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const close = useCallback((id: string) => setToasts((cur) => cur.filter((t) => t.id !== id)), []);
  const onToast = useCallback(
    (t: Toast) => {
      setToasts((cur) => [...cur.filter((x) => x.id !== t.id).slice(-3), t]);
      if (typeof t.stay === "number") setTimeout(() => close(t.id), t.stay * 1000);
    },
    [close],
  );
  return (
    <LiveProvider onToast={onToast}>
      <div className="shell">
        <TopBar />
        <PermissionPrompt />
        <CallBar />
        <SoundHint />
        <main className="content" id="main">
          <Routes />
        </main>
        <RingDialog />
        <Toasts toasts={toasts} onClose={close} />
      </div>
    </LiveProvider>
  );
}

function TopBar() {
  const me = useMe();
  const { path } = useLocation();
  const { connected, badge } = useLive();
  const links: [string, string][] = [["/chat", "Chat"]];
  if (me.role !== "member") links.push(["/support", "Support"]);
  links.push(["/notifications", "Notifications"]);
  if (me.role === "admin") links.push(["/admin", "Admin"]);
  return (
    <header className="topbar">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <a className="brand" href="/chat" onClick={linkClick("/chat")}>
        Herald
        {badge.total > 0 && (
          <span className="pill" data-testid="app-badge">
            {badge.total}
            <span className="sr-only"> unread</span>
          </span>
        )}
      </a>
      <nav aria-label="Main">
        {links.map(([to, label]) => (
          <a
            key={to}
            href={to}
            onClick={linkClick(to)}
            aria-current={path.startsWith(to) ? "page" : undefined}
          >
            {to === "/notifications" ? (
              <>
                {/* Phones show a bell: the word would push the last link (Admin) off the bar. */}
                <Icon name="bell" />
                <span className="label-wide">{label}</span>
                <InboxCount />
              </>
            ) : (
              label
            )}
          </a>
        ))}
      </nav>
      <output className={connected ? "conn on" : "conn off"} data-connected={connected}>
        {connected ? "" : "Connecting…"}
      </output>
      <UserMenu />
    </header>
  );
}
