import { detectBrowser, OS_BLOCK_REMINDER, UNSUPPORTED_TEXT, unblockInstructions } from "@herald/sdk";
import { useLive } from "../../lib/live.tsx";

/** PRM-2 / PRM-3 in Settings: state of the browser permission, how to unblock, the OS reminder, a test. */
export function PermissionPanel() {
  const { permission, herald } = useLive();
  const enable = () => {
    herald.permission.offerFromSettings();
    herald.permission.allowFromClick();
  };
  return (
    <div className="permission-panel" data-permission={permission}>
      {permission === "granted" && <p className="ok">Desktop notifications are allowed in this browser.</p>}
      {permission === "denied" && (
        <div className="notice" role="note">
          <p>
            <strong>Notifications are blocked in this browser.</strong> Herald cannot ask again; to unblock:
          </p>
          <p>{unblockInstructions(detectBrowser(navigator.userAgent))}</p>
        </div>
      )}
      {permission === "unsupported" && <p className="notice">{UNSUPPORTED_TEXT}</p>}
      {(permission === "default" || permission === "dismissed" || permission === "offered") && (
        <p>
          Desktop notifications are not enabled yet.{" "}
          <button type="button" className="primary" onClick={enable}>
            Enable desktop notifications
          </button>
        </p>
      )}
      <p className="muted small">{OS_BLOCK_REMINDER}</p>
      <button type="button" onClick={() => herald.testBanner()}>
        Send a test notification
      </button>
    </div>
  );
}
