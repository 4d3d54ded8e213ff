import { useEffect, useState } from "react";
import { type CurrentCall, dismissCall, hangUp, ringingOver } from "../lib/calls.ts";
import { linkClick } from "../lib/router.ts";
import { displayName, useUser } from "../lib/users.ts";
import { Icon } from "./Icon.tsx";

const RING_MS = 30_500; // CAL-2: a ring stops after 30 s

/** The call I am in (both sides, CAL-2): Calling… with Cancel, then the call with Hang up, then why it ended.
 *  The shell follows the call frames and shows this bar only while there is a call. */
export function CallBar({ call }: { call: CurrentCall }) {
  const peer = useUser(call.peerId);
  const [now, setNow] = useState(Date.now());

  // The caller is told nothing when nobody answers: after the ring time, show the call as possibly going on.
  useEffect(() => {
    if (call.role !== "caller" || call.phase !== "ringing") return;
    const t = setTimeout(() => ringingOver(call.id), RING_MS);
    return () => clearTimeout(t);
  }, [call]);
  useEffect(() => {
    if (call.phase !== "ongoing") return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [call.phase]);

  const name = displayName(peer, "them");
  const room = `/chat/${call.roomId}`;
  let text: string;
  if (call.phase === "ringing") text = `Calling ${name}…`;
  else if (call.phase === "ended") text = call.note ?? "Call ended";
  else if (call.note === "unconfirmed") text = `Call with ${name}`;
  else text = `In call with ${name} · ${clock(now - call.since)}`;
  return (
    <section className={`call-bar ${call.phase}`} aria-label="Call" data-call-phase={call.phase}>
      <Icon name={call.phase === "ended" ? "hangup" : "phone"} size={18} />
      <output className="grow" aria-live="polite">
        {call.roomId ? (
          <a href={room} onClick={linkClick(room)}>
            {text}
          </a>
        ) : (
          text
        )}
      </output>
      {call.phase === "ringing" && (
        <button type="button" className="danger" onClick={hangUp}>
          Cancel
        </button>
      )}
      {call.phase === "ongoing" && (
        <button type="button" className="danger" onClick={hangUp}>
          <Icon name="hangup" /> Hang up
        </button>
      )}
      {call.phase === "ended" && (
        <button type="button" onClick={dismissCall}>
          Dismiss
        </button>
      )}
    </section>
  );
}

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
