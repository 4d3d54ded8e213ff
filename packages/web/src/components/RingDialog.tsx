import { useLive } from "../lib/live.tsx";
import { displayName, useUser } from "../lib/users.ts";

// CAL-1 / CAL-2: the incoming-call dialog. Ringing stops through ring.stop from the server on every device.
export function RingDialog() {
  const { ringing, herald } = useLive();
  // `from` is the caller's user id.
  const user = useUser(ringing?.from ?? null);
  if (!ringing) return null;
  const from = displayName(user);
  return (
    <div className="overlay">
      <div className="dialog ring" role="alertdialog" aria-modal="true" aria-labelledby="ring-title">
        <h2 id="ring-title">{from} is calling</h2>
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => herald.alerts.answer(ringing.callId)}
            ref={(b) => b?.focus()}
          >
            Answer
          </button>
          <button type="button" className="danger" onClick={() => herald.alerts.decline(ringing.callId)}>
            Decline
          </button>
        </div>
      </div>
    </div>
  );
}
