import type { Toast } from "@herald/sdk";
import { lazy, type ReactNode, Suspense, useCallback, useState } from "react";
import { Icon } from "../components/Icon.tsx";
import { InboxCount } from "../components/InboxCount.tsx";
import { SearchButton } from "../components/SearchButton.tsx";
import { WaitingCount } from "../components/support/WaitingCount.tsx";
import { Toasts } from "../components/Toasts.tsx";
import { UserMenu } from "../components/UserMenu.tsx";
import { useAutoplayBlocked } from "../lib/autoplay.ts";
import { callFrame, useCurrentCall } from "../lib/calls.ts";
import { LiveProvider, useFrames, useLive } from "../lib/live.tsx";
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
        <WhenNeeded />
        <main className="content" id="main">
          <Routes />
        </main>
        <Ringing />
        <Toasts toasts={toasts} onClose={close} />
      </div>
    </LiveProvider>
  );
}

// Bars and dialogs that most first screens never show: each one's code loads when it is first needed, so the
// first load carries only the room list (docs/BENCHMARKS.md, "Web app").
const CallBar = lazy(() => import("../components/CallBar.tsx").then((m) => ({ default: m.CallBar })));
const PermissionPrompt = lazy(() =>
  import("../components/PermissionPrompt.tsx").then((m) => ({ default: m.PermissionPrompt })),
);
const RingDialog = lazy(() =>
  import("../components/RingDialog.tsx").then((m) => ({ default: m.RingDialog })),
);
const SoundHint = lazy(() => import("../components/SoundHint.tsx").then((m) => ({ default: m.SoundHint })));

const Later = ({ children }: { children: ReactNode }) => <Suspense fallback={null}>{children}</Suspense>;

/** The notifications offer (PRM-1), the call I am in (CAL-2) and the blocked-sound hint, each while it applies. */
function WhenNeeded() {
  const { permission } = useLive();
  const call = useCurrentCall();
  const soundBlocked = useAutoplayBlocked();
  // Call frames are followed from the start, so the bar knows the call when it appears.
  useFrames((f) => callFrame(f as Parameters<typeof callFrame>[0]));
  return (
    <>
      {permission === "offered" && (
        <Later>
          <PermissionPrompt />
        </Later>
      )}
      {call && (
        <Later>
          <CallBar call={call} />
        </Later>
      )}
      {soundBlocked && (
        <Later>
          <SoundHint />
        </Later>
      )}
    </>
  );
}

/** CAL-1: the incoming-call dialog, while a call rings on this device. */
function Ringing() {
  const { ringing } = useLive();
  return ringing ? (
    <Later>
      <RingDialog />
    </Later>
  ) : null;
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
            ) : to === "/support" ? (
              <>
                {label}
                <WaitingCount />
              </>
            ) : (
              label
            )}
          </a>
        ))}
      </nav>
      <SearchButton />
      <output className={connected ? "conn on" : "conn off"} data-connected={connected}>
        {connected ? "" : "Connecting…"}
      </output>
      <UserMenu />
    </header>
  );
}
