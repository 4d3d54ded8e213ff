import { type FormEvent, useEffect, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { queryErrorText, useApiMutation, useApiQuery } from "../../lib/query.ts";

interface WidgetSettings {
  origins: string[];
  offlineEmailMinutes: number | null;
  defaultOfflineEmailMinutes: number;
  siteOrigins: string[];
}

/** The embed snippet any time (the key is public), the websites allowed to frame the widget (its CSP
 *  frame-ancestors), and how long an agent's reply may stay unseen before the contact gets it by email. */
export function InboxWidget({ inboxId, inboxKey }: { inboxId: string; inboxKey: string }) {
  const key = ["inboxes", inboxId, "widget"];
  const settings = useApiQuery<WidgetSettings>(key, `/inboxes/${inboxId}/widget`);
  const patch = useApiMutation(
    (body: { origins: string[]; offlineEmailMinutes: number | null }) =>
      api.patch(`/inboxes/${inboxId}/widget`, body),
    [key],
  );
  const [origins, setOrigins] = useState("");
  const [minutes, setMinutes] = useState("");
  const [status, setStatus] = useState("");
  useEffect(() => {
    if (!settings.data) return;
    setOrigins(settings.data.origins.join("\n"));
    setMinutes(settings.data.offlineEmailMinutes === null ? "" : String(settings.data.offlineEmailMinutes));
  }, [settings.data]);
  const snippet = `<script src="${location.origin}/widget.js" data-inbox="${inboxKey}" async></script>`;

  async function save(e: FormEvent) {
    e.preventDefault();
    const list = origins
      .split(/[\s,]+/)
      .map((o) => o.trim())
      .filter(Boolean);
    const m = minutes.trim();
    try {
      await patch.mutateAsync({ origins: list, offlineEmailMinutes: m ? Number(m) : null });
      setStatus("Saved.");
    } catch (err) {
      setStatus(errorText(err));
    }
  }
  async function copy() {
    try {
      await navigator.clipboard.writeText(snippet);
      setStatus("Snippet copied.");
    } catch {
      setStatus("Copy did not work here: select the snippet and copy it by hand.");
    }
  }
  const fallback = settings.data?.defaultOfflineEmailMinutes ?? 5;
  return (
    <form className="inbox-widget form" onSubmit={save} aria-label="Website widget">
      <h3 className="small">Website widget</h3>
      <label>
        Embed snippet (paste it before &lt;/body&gt; on your site)
        <textarea readOnly rows={2} className="mono" value={snippet} onFocus={(e) => e.target.select()} />
      </label>
      <button type="button" onClick={copy}>
        Copy snippet
      </button>
      <label>
        Websites that may show the widget (one origin a line, like https://shop.example)
        <textarea rows={3} value={origins} onChange={(e) => setOrigins(e.target.value)} />
      </label>
      {(settings.data?.siteOrigins.length ?? 0) > 0 && (
        <p className="muted small">Also allowed for every inbox: {settings.data?.siteOrigins.join(", ")}</p>
      )}
      <label>
        Email a reply the visitor has not seen after (minutes)
        <input
          type="number"
          min={1}
          max={10080}
          value={minutes}
          placeholder={`${fallback} (site default)`}
          onChange={(e) => setMinutes(e.target.value)}
        />
      </label>
      <button type="submit">Save widget settings</button>
      <output aria-live="polite" className="small">
        {status || queryErrorText(settings)}
      </output>
    </form>
  );
}
