// The `@name` being typed just before the caret, for suggestions only (what notifies is decided by the
// server's parser): an `@` at the start or after a non-letter/digit (MEN-1), then username characters —
// Unicode letters, marks, digits and `. _ -` (§1) — so `@josé`, `@Владимир`, `@李` all suggest.
const TYPED_MENTION = /(^|[^\p{L}\p{M}\p{N}])@([\p{L}\p{M}\p{N}._-]*)$/u;
const TYPED_NAME = /@[\p{L}\p{M}\p{N}._-]*$/u;

/** The partial name after the `@` that ends `before` (the text up to the caret), or null. */
export function typedMention(before: string): string | null {
  const m = TYPED_MENTION.exec(before);
  return m ? m[2] : null;
}

/** `before` with its trailing `@partial` replaced by the chosen `@handle ` (and a space). */
export function completeMention(before: string, handle: string): string {
  return before.replace(TYPED_NAME, `@${handle} `);
}
