/** MEN-1 hints come back with the posted message; render whatever shape the server uses as text. */
export function hintTexts(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((h) => {
    if (typeof h === "string") return h;
    const o = (h ?? {}) as Record<string, unknown>;
    if (typeof o.message === "string") return o.message;
    if (typeof o.text === "string") return o.text;
    if (typeof o.username === "string") return `${o.username} is not in this room`;
    return JSON.stringify(h);
  });
}
