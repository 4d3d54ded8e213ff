// Support-event and missed-call notifies from src/support (user.event): logged for resume (GEN-7), with banner
// and sound on ONE tab per device (DSK-3), and core's PRF-51 focus rule (supportFocusBlock) asked per device,
// where focus is known: none on a device whose focused tab shows that conversation (DSK-2), none while a tab
// of the device has focus unless the agent chose "also when the console has focus" (PRF-44). The frame keeps
// the PRF-44 … PRF-48 options (`banner.stay`, `banner.click`, `sound.loop`, `alsoWhenFocused`) so the SDK can
// apply the same rule.
import { supportFocusBlock } from "@herald/core";
import type { Connection } from "./connection.ts";
import type { SupportNotifyFrame } from "./events.ts";
import type { LocalUser } from "./local.ts";
import { markBanner, type NotifyEntry, notifyJson } from "./user-log.ts";

function chooseTabs(conns: Set<Connection>, f: SupportNotifyFrame): Map<string, Connection> {
  const byDevice = new Map<string, Connection[]>();
  for (const c of conns) {
    if (!c.ready && !c.buffer) continue;
    byDevice.set(c.deviceId, [...(byDevice.get(c.deviceId) ?? []), c]);
  }
  const chosen = new Map<string, Connection>();
  for (const [deviceId, list] of byDevice) {
    const focused = list.filter((c) => c.focused);
    const console = {
      focused: focused.length > 0,
      showsConversation: !!f.roomId && focused.some((c) => c.view.roomId === f.roomId),
    };
    if (supportFocusBlock(console, f.alsoWhenFocused === true)) continue;
    const rank = (x: Connection) => (x.focused ? 2 : 0) + (x.visible ? 1 : 0);
    let best = list[0];
    for (const c of list)
      if (rank(c) > rank(best) || (rank(c) === rank(best) && c.lastSeenAt > best.lastSeenAt)) best = c;
    chosen.set(deviceId, best);
  }
  return chosen;
}

export function deliverSupportNotify(
  lu: LocalUser,
  f: SupportNotifyFrame,
  cursor: number,
  now: number,
): void {
  const { t: _t, banner, sound, ...rest } = f;
  const fields = JSON.stringify(rest).slice(1, -1);
  const entry: NotifyEntry = {
    kind: "notify",
    cursor,
    at: now,
    roomId: f.roomId ?? "",
    seq: 0,
    messageId: f.messageId ?? f.notificationId,
    tail: fields ? `,${fields}` : "",
    banner: banner ? `,"banner":${JSON.stringify(banner)}` : "",
    sound: sound ? `,"sound":${JSON.stringify(sound)}` : "",
    bannerDevices: null,
  };
  lu.log.add(entry, now);
  const tabs = entry.banner || entry.sound ? chooseTabs(lu.conns, f) : null;
  for (const c of lu.conns) {
    const alert = tabs?.get(c.deviceId) === c;
    if (alert) markBanner(entry, c.deviceId);
    c.deliver(notifyJson(entry, alert, false));
  }
}
