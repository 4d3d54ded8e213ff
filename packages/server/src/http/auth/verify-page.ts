// The page a browser sees after opening an email verification link (PRV-8): the link comes from an email, so
// a person, not an API client, usually opens it.
import type { TSchema } from "typebox";
import { Type } from "typebox";

export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** True when the client prefers HTML (a browser), not JSON. */
export function wantsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = accept.indexOf("text/html");
  const json = accept.indexOf("application/json");
  return html >= 0 && (json < 0 || html < json);
}

export function verifiedPage(email: string | null | undefined, appUrl: string): string {
  const message = email
    ? `Your email address <b>${escapeHtml(email)}</b> is confirmed.`
    : "This link is invalid or has expired. Ask for a new one in Settings.";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Herald</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">
<p>${message}</p><p><a href="${escapeHtml(appUrl)}/">Open Herald</a></p></body></html>`;
}

/** The answer of a link opened from an email: a page for a browser, `json` for API clients. */
export const htmlOr = <T extends TSchema>(json: T) => ({
  description: "a page when the client prefers text/html, else JSON",
  content: {
    "application/json": { schema: json },
    "text/html": { schema: Type.String({ description: "a page for a person" }) },
  },
});
