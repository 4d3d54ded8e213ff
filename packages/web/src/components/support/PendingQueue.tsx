import { useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { navigate } from "../../lib/router.ts";
import { conversationChanged } from "../../lib/support.ts";
import { durationWords } from "../../lib/when.ts";
import { Icon } from "../Icon.tsx";
import { useNow, useWaiting } from "./waiting.ts";

/** "waiting 3 min" ("just arrived" under 10 s). */
export function waitWords(since: number, now: number): string {
  return now - since < 10_000 ? "just arrived" : `waiting ${durationWords(now - since)}`;
}

/** Contacts waiting for an agent, longest wait first, with Pick up (SUP-3, SUP-4). A row rings (pulses, with
 *  a bell) while this device plays the pending-contact alert, and stays marked as waiting after the ring. */
export function PendingQueue() {
  const rows = useWaiting();
  const now = useNow();
  const [message, setMessage] = useState("");

  async function pickup(id: string) {
    setMessage("");
    try {
      await api.post(`/conversations/${id}/pickup`);
      conversationChanged(null);
      navigate(`/support/c/${id}`);
    } catch (e) {
      setMessage(errorText(e)); // SUP-4: someone else was faster
    }
  }

  return (
    <section className={`pending${rows.length ? " has-waiting" : ""}`} aria-labelledby="pending-h">
      <h2 id="pending-h">
        Waiting <span className={rows.length ? "pill" : "pill zero"}>{rows.length}</span>
      </h2>
      {rows.length === 0 && <p className="muted small">Nobody is waiting.</p>}
      <ul>
        {rows.map((p) => (
          <li
            key={p.id}
            className={`pending-row ${p.ringing ? "ringing" : "waiting"}`}
            data-state={p.ringing ? "ringing" : "waiting"}
          >
            <span className="bell" aria-hidden="true">
              <Icon name="bell" size={18} />
            </span>
            <span className="grow">
              <strong>{p.name}</strong>
              <span className="small wait">
                {p.ringing ? "Ringing · " : ""}
                {waitWords(p.since, now)}
              </span>
              {p.text && <span className="muted small preview">{p.text}</span>}
            </span>
            <button type="button" className="primary" onClick={() => pickup(p.id)}>
              Pick up
            </button>
          </li>
        ))}
      </ul>
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
    </section>
  );
}
