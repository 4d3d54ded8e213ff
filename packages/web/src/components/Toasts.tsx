import type { Toast } from "@herald/sdk";

// In-app banners, used when the browser cannot show notifications (PRM-3). Text only, never HTML.
export function Toasts({ toasts, onClose }: { toasts: Toast[]; onClose(id: string): void }) {
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className="toast" data-testid="toast">
          <button
            type="button"
            className="toast-body"
            onClick={() => {
              t.click();
              onClose(t.id);
            }}
          >
            <strong>{t.title}</strong>
            <span>{t.body}</span>
          </button>
          <button
            type="button"
            className="icon"
            aria-label="Close notification"
            onClick={() => onClose(t.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
