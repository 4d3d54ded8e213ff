import { lazy, Suspense } from "react";
import { useLocation } from "../lib/router.ts";
import { useMe } from "../lib/session.tsx";
import { ChatScreen } from "./chat/ChatScreen.tsx";
import { ConversationDeepLink, RoomDeepLink } from "./DeepLink.tsx";

// Chat is what opens first; the other screens load when first visited, so the first load carries only
// what the room list and a room need.
const AdminScreen = lazy(() => import("./admin/AdminScreen.tsx").then((m) => ({ default: m.AdminScreen })));
const NotificationsScreen = lazy(() =>
  import("./NotificationsScreen.tsx").then((m) => ({ default: m.NotificationsScreen })),
);
const ExplainScreen = lazy(() => import("./ExplainScreen.tsx").then((m) => ({ default: m.ExplainScreen })));
const SettingsScreen = lazy(() =>
  import("./settings/SettingsScreen.tsx").then((m) => ({ default: m.SettingsScreen })),
);
const SupportScreen = lazy(() =>
  import("./support/SupportScreen.tsx").then((m) => ({ default: m.SupportScreen })),
);

export function Routes() {
  return (
    <Suspense fallback={<p className="empty">Loading…</p>}>
      <Screen />
    </Suspense>
  );
}

function Screen() {
  const { parts } = useLocation();
  const me = useMe();
  switch (parts[0]) {
    case "chat":
      return <ChatScreen roomId={parts[1]} threadId={parts[2] === "thread" ? parts[3] : undefined} />;
    case "rooms":
      return <RoomDeepLink roomId={parts[1] ?? ""} />;
    case "conversations":
      return <ConversationDeepLink id={parts[1] ?? ""} />;
    case "notifications":
      return <NotificationsScreen />;
    case "explain":
      return <ExplainScreen messageId={parts[1] ?? ""} />;
    case "settings":
      return <SettingsScreen section={parts[1] ?? "notifications"} />;
    case "support":
      return me.role === "member" ? <Denied /> : <SupportScreen parts={parts.slice(1)} />;
    case "admin":
      return me.role === "admin" ? <AdminScreen section={parts[1] ?? "users"} /> : <Denied />;
    default:
      return <ChatScreen />;
  }
}

function Denied() {
  return <p className="empty">You do not have access to this page.</p>;
}
