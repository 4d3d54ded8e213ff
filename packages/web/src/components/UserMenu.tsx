import { type ComponentType, useId, useState } from "react";
import { useMe } from "../lib/session.tsx";
import { Avatar } from "./Avatar.tsx";
import { usePopup } from "./popup.ts";
import type { UserMenuPanelProps } from "./UserMenuPanel.tsx";
import { useMyStatus } from "./userStatus.ts";

type Panel = ComponentType<UserMenuPanelProps>;
const loadPanel = () => import("./UserMenuPanel.tsx").then((m) => m.UserMenuPanel);

// The avatar with my status; its panel's code loads on the first open (the first screen needs only the avatar),
// and the panel opens in the same render as it arrives so focus can move into it at once.
export function UserMenu() {
  const me = useMe();
  const panelId = useId();
  const popup = usePopup();
  const { presence, dnd } = useMyStatus();
  const [MenuPanel, setMenuPanel] = useState<Panel | null>(null);

  function toggle() {
    if (MenuPanel || popup.open) return popup.setOpen(!popup.open);
    loadPanel().then((p) => {
      setMenuPanel(() => p);
      popup.setOpen(true);
    });
  }

  return (
    <div className="usermenu">
      <button
        ref={popup.trigger}
        type="button"
        className="avatar-button"
        aria-expanded={popup.open}
        aria-controls={panelId}
        aria-label={`User menu for ${me.displayName}`}
        onClick={toggle}
      >
        <Avatar
          name={me.displayName}
          status={
            dnd !== "off" ? "busy" : presence === "auto" ? "online" : presence === "away" ? "away" : "offline"
          }
        />
      </button>
      {popup.open && MenuPanel && (
        <MenuPanel id={panelId} panel={popup.panel} presence={presence} dnd={dnd} pick={popup.pick} />
      )}
    </div>
  );
}
