import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from "react";

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), [href], [tabindex="0"]';

/**
 * A button that opens a panel (the room's ⋮ menu, the user menu), keyboard-first as in the WAI-ARIA menu
 * button pattern: opening moves focus into the panel, Escape closes it and gives focus back to the button, and
 * a click outside or focus moving elsewhere (Tab away) closes it. `menuKeys` adds arrow keys, Home and End
 * for panels that are a `role="menu"` of menuitems. `pick` closes with focus back on the button first, so a
 * dialog opened from an item returns focus there when it closes (Dialog restores its opener).
 */
export function usePopup() {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const p = panel.current;
    p?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    const inside = (n: EventTarget | null) =>
      n instanceof Node && (p?.contains(n) === true || trigger.current?.contains(n) === true);
    const onMouseDown = (e: MouseEvent) => !inside(e.target) && setOpen(false);
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      close(true);
    };
    const onFocusOut = (e: FocusEvent) => e.relatedTarget && !inside(e.relatedTarget) && setOpen(false);
    document.addEventListener("mousedown", onMouseDown);
    document.addEventListener("keydown", onKey);
    p?.addEventListener("focusout", onFocusOut);
    return () => {
      document.removeEventListener("mousedown", onMouseDown);
      document.removeEventListener("keydown", onKey);
      p?.removeEventListener("focusout", onFocusOut);
    };
  }, [open, close]);

  const pick = useCallback(
    (then: () => void) => {
      close(true);
      then();
    },
    [close],
  );

  return { open, setOpen, close, pick, trigger, panel, menuKeys };
}

/** Arrow keys, Home and End move between the menuitems of a `role="menu"` panel. */
function menuKeys(e: KeyboardEvent<HTMLElement>): void {
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  if (!items.length) return;
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next =
    e.key === "ArrowDown"
      ? (at + 1) % items.length
      : e.key === "ArrowUp"
        ? (at - 1 + items.length) % items.length
        : e.key === "Home"
          ? 0
          : e.key === "End"
            ? items.length - 1
            : -1;
  if (next < 0) return;
  e.preventDefault();
  items[next].focus();
}
