import { useEffect } from "react";
import { useLive } from "../../lib/live.tsx";
import { useWaiting } from "./waiting.ts";

/** Contacts waiting for an agent, on the Support tab of the top bar (every screen) and in the title / favicon
 *  badge; it pulses while this device rings for one of them (SUP-3). */
export function WaitingCount() {
  const { herald } = useLive();
  const waiting = useWaiting();
  const n = waiting.length;
  const ringing = waiting.some((w) => w.ringing);
  useEffect(() => {
    herald.badge?.update({ waiting: n });
  }, [herald, n]);
  useEffect(() => () => void herald.badge?.update({ waiting: 0 }), [herald]);
  if (n === 0) return null;
  return (
    <span
      className={`pill waiting-count${ringing ? " ringing" : ""}`}
      data-testid="support-waiting"
      title={`${n} ${n === 1 ? "contact" : "contacts"} waiting`}
    >
      {n > 99 ? "99+" : n}
      <span className="sr-only"> waiting</span>
    </span>
  );
}
