/** EML-5: every user-provided string is escaped in HTML and stripped of line breaks in headers. */

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Escaped text with line breaks kept as <br>. */
export function escapeMultiline(value: string): string {
  return escapeHtml(value).replace(/\r\n|\r|\n/g, "<br>\n");
}

/**
 * For anything that ends up in a header (subject, display names): CR, LF and every other control
 * character become a space, so "Alice\r\nBcc: evil@x" cannot start a new header line. Nodemailer encodes
 * headers too; this makes it hold even without it, and keeps the subject readable.
 */
export function headerSafe(value: string, maxLength = 200): string {
  const cleaned = value
    .replace(/[\p{Cc}\u2028\u2029]+/gu, " ")
    .replace(/\s{2,}/g, " ")
    .trim();
  return Array.from(cleaned).slice(0, maxLength).join("");
}

/** A Message-ID local part from a caller's delivery id: only characters safe in `<id@host>`. */
export function messageIdFor(deliveryId: string, host: string): string {
  const local = deliveryId.replace(/[^A-Za-z0-9._-]/g, "-");
  const domain = host.replace(/[^A-Za-z0-9.-]/g, "-") || "herald.local";
  return `<${local}@${domain}>`;
}
