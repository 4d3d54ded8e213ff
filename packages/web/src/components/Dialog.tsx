import { type ReactNode, useEffect, useId, useRef } from "react";

/** Modal dialog on the native <dialog> element: focus trap and Escape come from the browser; focus returns to
 *  the element that had it when the dialog opened. */
export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
}) {
  const ref = useModal();
  const id = useId();
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={id} onClose={onClose}>
      <div className="dialog-head">
        <h2 id={id}>{title}</h2>
        <button type="button" className="icon" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}

/**
 * Shows a native <dialog> as a modal while the component is mounted. Keyboard users go back where they were
 * (the button that opened it) when it closes.
 */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (d && !d.open) d.showModal();
    return () => {
      d?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return ref;
}
