// Installed in every page before the app loads (page.addInitScript): headless Chromium has no screen for
// notifications, so a Notification stub records banners; a hook on Web Audio records every sound started.
// Runs in the browser: self-contained, no imports.
export interface StubOptions {
  /** Browser permission at first load; later loads keep what the user chose (stored per profile). */
  permission?: "default" | "granted" | "denied";
  /** What the browser's own prompt answers; "default" = the user closed it. */
  answer?: "granted" | "denied" | "default";
  /** Remove the Notification API entirely (PRM-3 unsupported). */
  unsupported?: boolean;
}

export function installStubs(opts: StubOptions): void {
  const w = window as unknown as Record<string, unknown>;
  const rec = { banners: [] as unknown[], sounds: [] as unknown[], asked: 0 };
  w.__herald = rec;

  // Focus: headless pages always report focus; tests switch it by hand.
  let focused = true;
  const realHasFocus = Document.prototype.hasFocus;
  Document.prototype.hasFocus = function hasFocus() {
    return focused && realHasFocus.call(this);
  };
  w.__setFocus = (f: boolean) => {
    focused = f;
    window.dispatchEvent(new Event(f ? "focus" : "blur"));
  };

  if (opts.unsupported) {
    delete (window as { Notification?: unknown }).Notification;
  } else {
    const KEY = "__stub.permission";
    const perm = () =>
      (localStorage.getItem(KEY) as NotificationPermission | null) ?? opts.permission ?? "default";
    class StubNotification {
      static get permission() {
        return perm();
      }
      static requestPermission(): Promise<NotificationPermission> {
        rec.asked++;
        const a = opts.answer ?? "granted";
        if (a !== "default") localStorage.setItem(KEY, a);
        return Promise.resolve(perm());
      }
      onclick: ((e: unknown) => void) | null = null;
      onclose: ((e: unknown) => void) | null = null;
      title: string;
      body: string;
      constructor(title: string, o: { body?: string; tag?: string } = {}) {
        this.title = title;
        this.body = o.body ?? "";
        rec.banners.push({ title, body: this.body, tag: o.tag, at: performance.now() });
        (w.__lastBanner as unknown) = this;
      }
      close() {}
      addEventListener() {}
    }
    Object.defineProperty(window, "Notification", {
      value: StubNotification,
      configurable: true,
      writable: true,
    });
  }

  // Web Audio: every oscillator or buffer source started is one note of a sound.
  const hook = (proto: { start(when?: number): void } | undefined, kind: string) => {
    if (!proto) return;
    const start = proto.start;
    proto.start = function (this: { loop?: boolean }, when?: number) {
      rec.sounds.push({ at: performance.now(), loop: Boolean(this.loop), kind });
      return start.call(this, when);
    };
  };
  hook(window.OscillatorNode?.prototype, "oscillator");
  hook(window.AudioBufferSourceNode?.prototype, "buffer");
}
