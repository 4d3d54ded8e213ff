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

  // Realtime sockets: kept so a test can wait until the gateway has read every frame the page sent (a state
  // frame after a focus or view change races a message posted over HTTP right after). The gateway reads one
  // socket's frames in order and answers each ping in order, so the answer to OUR ping — counted, since the
  // app pings too as a keepalive — proves every frame sent before it was read.
  const RealWebSocket = window.WebSocket;
  const sockets = new Map<WebSocket, { sent: number; answers: boolean[]; wake: (() => void)[] }>();
  class TrackedWebSocket extends RealWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const track = { sent: 0, answers: [] as boolean[], wake: [] as (() => void)[] };
      sockets.set(this, track);
      const wakeAll = () => {
        for (const w of track.wake.splice(0)) w();
      };
      this.addEventListener("message", (e) => {
        if (typeof e.data !== "string") return;
        // A ping read before the hello is refused instead (true: answered by a pong).
        if (e.data.includes('"t":"pong"')) track.answers.push(true);
        else if (e.data.includes('"hello_required"')) track.answers.push(false);
        else return;
        wakeAll();
      });
      this.addEventListener("close", () => {
        sockets.delete(this);
        wakeAll();
      });
    }
    override send(data: Parameters<WebSocket["send"]>[0]): void {
      const track = sockets.get(this);
      if (track && typeof data === "string" && data.includes('"t":"ping"')) track.sent++;
      super.send(data);
    }
  }
  window.WebSocket = TrackedWebSocket;
  const synced = async (s: WebSocket): Promise<void> => {
    for (;;) {
      const track = sockets.get(s);
      if (!track || s.readyState !== RealWebSocket.OPEN) return;
      s.send('{"t":"ping"}');
      const mine = track.sent - 1;
      while (track.answers.length <= mine && sockets.has(s))
        await new Promise<void>((r) => track.wake.push(r));
      if (track.answers[mine] !== false) return;
      await new Promise((r) => setTimeout(r, 50)); // refused: the hello is still being read
    }
  };
  // The app reports a view from an effect after the screen is drawn; its scheduler runs effects in posted-message
  // tasks, so one message posted now is handled after the effects of what is already on screen.
  const afterEffects = () =>
    new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
  // A socket still connecting sends its hello, which carries focus and view, only once open: the sync waits for
  // it rather than skip it, or that state would race what the test does next (a post on a slow machine).
  const opened = (s: WebSocket) =>
    new Promise<void>((resolve) => {
      s.addEventListener("open", () => resolve(), { once: true });
      s.addEventListener("close", () => resolve(), { once: true });
    });
  w.__syncGateway = async () => {
    await afterEffects();
    await Promise.all(
      [...sockets.keys()].filter((s) => s.readyState === RealWebSocket.CONNECTING).map(opened),
    );
    await Promise.all([...sockets.keys()].filter((s) => s.readyState === RealWebSocket.OPEN).map(synced));
  };

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
