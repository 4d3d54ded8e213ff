import { type MouseEvent, type TouchEvent, useEffect, useId, useRef } from "react";
import { linkClick } from "../../lib/router.ts";
import { useModal } from "../Dialog.tsx";

/** Something to do with a message: a button (run) or an in-app link (href). */
export interface MessageAction {
  label: string;
  run?(): void;
  href?: string;
}

/** The phone layout (the same breakpoint as chat.css): no hover there, so actions open in a sheet. */
const PHONE = "(max-width: 760px)";
const LONG_PRESS_MS = 450;
const INTERACTIVE = "a, button, input, textarea, select, summary, label, [role='button'], dialog";

/**
 * Props for a message row: on a phone a tap on the message (not on a link or button in it) or a long press
 * opens its action sheet; on a desktop nothing changes (the hover bar is there).
 */
export function useActionSheet(open: () => void, disabled: boolean) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pressed = useRef(false);
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const usable = (target: EventTarget | null) =>
    !disabled &&
    window.matchMedia(PHONE).matches &&
    !(target instanceof Element && target.closest(INTERACTIVE));
  return {
    onClick(e: MouseEvent) {
      // A long press already opened the sheet: the click that ends it is not a second tap.
      if (pressed.current) {
        pressed.current = false;
        return;
      }
      if (!usable(e.target)) return;
      // Selecting text is not a tap on the message.
      if (window.getSelection()?.isCollapsed === false) return;
      open();
    },
    onContextMenu(e: MouseEvent) {
      if (!usable(e.target)) return;
      e.preventDefault();
      open();
    },
    onTouchStart(e: TouchEvent) {
      pressed.current = false;
      if (!usable(e.target) || e.touches.length > 1) return;
      cancel();
      timer.current = setTimeout(() => {
        pressed.current = true;
        open();
      }, LONG_PRESS_MS);
    },
    onTouchMove: cancel,
    onTouchEnd(e: TouchEvent) {
      cancel();
      // The finger lifts over the open sheet: the click the browser would make of it would land on the
      // sheet's backdrop and close it again.
      if (pressed.current) {
        e.preventDefault();
        pressed.current = false;
      }
    },
    onTouchCancel: cancel,
  };
}

/** A sheet from the bottom of the screen with a message's actions and Cancel (native <dialog>: focus, Escape). */
export function ActionSheet({
  title,
  actions,
  onClose,
}: {
  title: string;
  actions: MessageAction[];
  onClose(): void;
}) {
  const ref = useModal();
  const id = useId();
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a tap on the backdrop closes; Escape is the dialog's own
    <dialog
      ref={ref}
      className="action-sheet"
      aria-labelledby={id}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <h2 id={id} className="sr-only">
        {title}
      </h2>
      <ul>
        {actions.map((a) => (
          <li key={a.label}>
            {a.href ? (
              <a
                href={a.href}
                onClick={(e) => {
                  onClose();
                  linkClick(a.href as string)(e);
                }}
              >
                {a.label}
              </a>
            ) : (
              <button
                type="button"
                onClick={() => {
                  onClose();
                  a.run?.();
                }}
              >
                {a.label}
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="sheet-cancel" onClick={onClose}>
        Cancel
      </button>
    </dialog>
  );
}
