import type { KeyboardEvent } from "react";

/** A key pressed while an input method composes (Japanese, Chinese, Korean…): there Enter takes the IME's
 *  candidate and the arrows move in its list, so the key is the IME's, not the box's. Chromium and Firefox say
 *  so with isComposing; Safari ends a composition with a keydown whose isComposing is already false, but whose
 *  keyCode is 229, as every browser's is for a key the IME takes. */
export function composing(e: KeyboardEvent): boolean {
  return e.nativeEvent.isComposing || e.keyCode === 229;
}

/** Enter sends and Shift+Enter breaks the line, as in Chatwoot and Intercom; never while an IME composes. */
export function sendsOnEnter(e: KeyboardEvent): boolean {
  return e.key === "Enter" && !e.shiftKey && !composing(e);
}
