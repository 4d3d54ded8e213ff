import { useLocation } from "../lib/router.ts";
import { useMe } from "../lib/session.tsx";
import { AdminScreen } from "./admin/AdminScreen.tsx";
import { ChatScreen } from "./chat/ChatScreen.tsx";
import { ConversationDeepLink, RoomDeepLink } from "./DeepLink.tsx";
import { ExplainScreen } from "./ExplainScreen.tsx";
import { NotificationsScreen } from "./NotificationsScreen.tsx";
import { SettingsScreen } from "./settings/SettingsScreen.tsx";
import { SupportScreen } from "./support/SupportScreen.tsx";

export function Routes() {
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
