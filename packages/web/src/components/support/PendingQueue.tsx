import { useEffect, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { useFrames, useLive } from "../../lib/live.tsx";
import { navigate } from "../../lib/router.ts";
import { conversationChanged, listConversations } from "../../lib/support.ts";

/** Contacts waiting for an agent: live from pending.start / pending.stop, with Pick up (SUP-3, SUP-4). */
export function PendingQueue() {
  const { pending } = useLive();
  const [known, setKnown] = useState<{ id: string; name: string }[]>([]);
  const [message, setMessage] = useState("");
  useEffect(() => {
    listConversations("unassigned").then(
      (list) =>
        setKnown(
          list
            .filter((c) => c.status === "pending")
            .map((c) => ({ id: c.id, name: c.contactName ?? "Visitor" })),
        ),
      () => undefined,
    );
  }, []);
  // Live frames first; the first list covers a console opened while contacts were already waiting.
  useFrames((f) => {
    if (f.t === "pending.stop") setKnown((k) => k.filter((x) => x.id !== f.conversationId));
  });
  const live = pending.map((p) => ({
    id: p.conversationId,
    name: p.contactName ?? "Visitor",
    text: p.text ?? "",
  }));
  const ids = new Set(live.map((p) => p.id));
  const rows = [...live, ...known.filter((k) => !ids.has(k.id)).map((k) => ({ ...k, text: "" }))];

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
    <section className="pending" aria-labelledby="pending-h">
      <h2 id="pending-h">
        Waiting <span className={rows.length ? "pill" : "pill zero"}>{rows.length}</span>
      </h2>
      {rows.length === 0 && <p className="muted small">Nobody is waiting.</p>}
      <ul>
        {rows.map((p) => (
          <li key={p.id} className="pending-row ringing">
            <span className="grow">
              <strong>{p.name}</strong>
              {p.text && <span className="muted small"> — {p.text}</span>}
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
