import { useEffect, useState } from "react";
import { api, errorText } from "../../lib/api.ts";
import { queryErrorText, useApiMutation, useApiQuery } from "../../lib/query.ts";
import { useMe } from "../../lib/session.tsx";

interface TokenRow {
  id: string;
  name?: string;
  kind?: string;
  personal?: boolean;
  prefix?: string;
  scopes?: string[];
  createdAt?: number;
  lastUsedAt?: number | null;
}

const isPersonal = (t: TokenRow) => t.personal === true || t.kind === "personal";

/** GET /me/tokens: the personal token (no name) apart from the named ones, oldest first. */
interface TokensAnswer {
  personal: TokenRow | null;
  tokens: TokenRow[];
}
const tokensKey = ["me", "tokens"] as const;

/** TOK-1: the personal token is shown once, then only its first characters; Regenerate replaces it. */
export function TokenSettings() {
  const me = useMe();
  const list = useApiQuery<TokensAnswer>(tokensKey, "/me/tokens");
  const tokens = list.data
    ? [...(list.data.personal ? [{ ...list.data.personal, personal: true }] : []), ...list.data.tokens]
    : null;
  const [fresh, setFresh] = useState<{ label: string; token: string } | null>(null);
  const [error, setError] = useState("");
  const [copied, setCopied] = useState(false);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(["read"]);
  const makePersonal = useApiMutation(() => api.post<{ token: string }>("/me/personal-token"), [tokensKey]);
  const makeNamed = useApiMutation(
    (v: { name: string; scopes: string[] }) => api.post<{ token: string }>("/me/tokens", v),
    [tokensKey],
  );
  const revoke = useApiMutation((id: string) => api.del(`/me/tokens/${id}`), [tokensKey]);

  async function personal() {
    setError("");
    setCopied(false);
    try {
      const r = await makePersonal.mutateAsync(undefined);
      setFresh({ label: "Your personal access token", token: r.token });
    } catch (e) {
      setError(errorText(e));
    }
  }

  // First visit: no personal token yet — make it now and show it (TOK-1).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the list first arrives
  useEffect(() => {
    if (list.data && !list.data.personal && !fresh && makePersonal.isIdle) personal();
  }, [list.data]);

  async function named() {
    setError("");
    try {
      const r = await makeNamed.mutateAsync({ name: name.trim(), scopes });
      setFresh({ label: `Token "${name.trim()}"`, token: r.token });
      setName("");
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function copy(token: string) {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      setError("Copy failed: select the token and copy it by hand.");
    }
  }

  const mine = tokens?.find(isPersonal);
  const allowed = me.role === "admin" ? ["read", "write", "admin"] : ["read", "write"];
  return (
    <div className="settings">
      <section className="card settings-section" aria-labelledby="t-personal">
        <h2 id="t-personal">Personal access token</h2>
        <p className="muted small">
          Send it as <code>Authorization: Bearer …</code> or in the <code>api_access_token</code> header.
          Herald stores only a hash, so it is shown once; if you lose it, regenerate it.
        </p>
        {fresh && (
          <div className="token-box">
            <p>
              <strong>{fresh.label}</strong> — copy it now, it will not be shown again:
            </p>
            <div className="row">
              <input
                className="grow mono"
                readOnly
                value={fresh.token}
                aria-label="New token"
                onFocus={(e) => e.target.select()}
              />
              <button type="button" className="primary" onClick={() => copy(fresh.token)}>
                {copied ? "Copied" : "Copy"}
              </button>
            </div>
          </div>
        )}
        {mine && !fresh && (
          <p>
            Current token: <code className="mono">{mine.prefix ?? "…"}…</code>
          </p>
        )}
        {(mine || fresh) && (
          <button
            type="button"
            onClick={() => window.confirm("Regenerate? The old token stops working at once.") && personal()}
          >
            Regenerate
          </button>
        )}
      </section>
      <section className="card settings-section" aria-labelledby="t-named">
        <h2 id="t-named">Named tokens</h2>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            named();
          }}
        >
          <label className="grow">
            Name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              placeholder="e.g. CI bot"
            />
          </label>
          <fieldset>
            <legend>Scopes</legend>
            {allowed.map((s) => (
              <label key={s}>
                <input
                  type="checkbox"
                  checked={scopes.includes(s)}
                  onChange={(e) =>
                    setScopes(e.target.checked ? [...scopes, s] : scopes.filter((x) => x !== s))
                  }
                />
                {s}
              </label>
            ))}
          </fieldset>
          <button type="submit">Create token</button>
        </form>
        <ul className="token-list">
          {(tokens ?? [])
            .filter((t) => !isPersonal(t))
            .map((t) => (
              <li key={t.id}>
                <strong>{t.name}</strong> <code className="mono">{t.prefix}…</code>{" "}
                <span className="muted small">{(t.scopes ?? []).join(", ")}</span>{" "}
                <button
                  type="button"
                  className="link"
                  onClick={() => revoke.mutateAsync(t.id).catch((e) => setError(errorText(e)))}
                >
                  Revoke
                </button>
              </li>
            ))}
        </ul>
      </section>
      {(error || list.error) && (
        <p className="error" role="alert">
          {error || queryErrorText(list)}
        </p>
      )}
    </div>
  );
}
