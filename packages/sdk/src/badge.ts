// Badge (BDG-5, BDG-3, PRF-15) and logged-out mark (PRM-4) on favicon, title
// and the App Badging API. badgeView is pure; BadgeDisplay applies it.

export type FaviconMark = { kind: "count"; text: string } | { kind: "dot" } | { kind: "signed-out" } | null;
export type AppBadge = { kind: "count"; n: number } | { kind: "dot" } | { kind: "clear" };

export interface BadgeViewInput {
  total: number;
  dot: boolean;
  /** PRF-15 */
  showBadge: boolean;
  /** PRM-4: the session expired. */
  signedOut: boolean;
  /** Support contacts waiting for an agent (agents' consoles): counted with the unread total. */
  waiting?: number;
}
export interface BadgeView {
  title: string;
  mark: FaviconMark;
  app: AppBadge;
}

export function countText(n: number): string {
  return n > 99 ? "99+" : String(n);
}

export function badgeView(input: BadgeViewInput, baseTitle: string): BadgeView {
  // The logged-out mark is not a badge: it shows even with PRF-15 off.
  if (input.signedOut)
    return { title: `(!) ${baseTitle} — signed out`, mark: { kind: "signed-out" }, app: { kind: "clear" } };
  const total = Math.max(0, Math.floor(input.total)) + Math.max(0, Math.floor(input.waiting ?? 0));
  if (!input.showBadge || (total === 0 && !input.dot))
    return { title: baseTitle, mark: null, app: { kind: "clear" } };
  if (total > 0) {
    return {
      title: `(${countText(total)}) ${baseTitle}`,
      mark: { kind: "count", text: countText(total) },
      app: { kind: "count", n: total },
    };
  }
  // BDG-3: no number to show, but some room has unread messages.
  return { title: `• ${baseTitle}`, mark: { kind: "dot" }, app: { kind: "dot" } };
}

interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: "2d"): CanvasRenderingContext2D | null;
  toDataURL(type?: string): string;
}
export interface BadgeEnv {
  document: Document;
  navigator?: { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
}

const SIZE = 64;

/** Draws the favicon with its mark; returns a data URL (null without canvas support). */
export function drawFavicon(
  canvas: CanvasLike,
  base: CanvasImageSource | null,
  mark: FaviconMark,
): string | null {
  canvas.width = SIZE;
  canvas.height = SIZE;
  const g = canvas.getContext("2d");
  if (!g) return null;
  g.clearRect(0, 0, SIZE, SIZE);
  if (base) g.drawImage(base, 0, 0, SIZE, SIZE);
  else drawDefaultIcon(g);
  if (mark?.kind === "count") {
    const r = mark.text.length > 2 ? 24 : 20;
    circle(g, SIZE - r, r, r, "#e01e5a");
    g.fillStyle = "#fff";
    g.font = `bold ${mark.text.length > 2 ? 22 : 28}px sans-serif`;
    g.textAlign = "center";
    g.textBaseline = "middle";
    g.fillText(mark.text, SIZE - r, r + 2);
  } else if (mark?.kind === "dot") circle(g, SIZE - 14, 14, 13, "#e01e5a");
  else if (mark?.kind === "signed-out") {
    g.globalAlpha = 1;
    circle(g, SIZE - 20, 20, 20, "#6b7280");
    g.fillStyle = "#fff";
    g.font = "bold 30px sans-serif";
    g.textAlign = "center";
    g.textBaseline = "middle";
    g.fillText("!", SIZE - 20, 22);
  }
  return canvas.toDataURL("image/png");
}

function drawDefaultIcon(g: CanvasRenderingContext2D): void {
  g.fillStyle = "#4f46e5";
  g.beginPath();
  g.roundRect(4, 4, SIZE - 8, SIZE - 8, 12);
  g.fill();
  g.fillStyle = "#fff";
  g.font = "bold 38px sans-serif";
  g.textAlign = "center";
  g.textBaseline = "middle";
  g.fillText("H", SIZE / 2, SIZE / 2 + 2);
}

function circle(g: CanvasRenderingContext2D, x: number, y: number, r: number, color: string): void {
  g.fillStyle = color;
  g.beginPath();
  g.arc(x, y, r, 0, Math.PI * 2);
  g.fill();
}

export class BadgeDisplay {
  private readonly env: BadgeEnv;
  private baseTitle: string;
  private input: BadgeViewInput = { total: 0, dot: false, showBadge: true, signedOut: false };
  private link: HTMLLinkElement | null = null;
  private originalHref: string | null = null;
  private originalType = "";
  private baseImage: HTMLImageElement | null = null;
  private baseLoading = false;
  private last: BadgeView | null = null;

  constructor(env: BadgeEnv, baseTitle = "Herald") {
    this.env = env;
    this.baseTitle = baseTitle;
    this.link = env.document.querySelector<HTMLLinkElement>('link[rel~="icon"]');
    this.originalHref = this.link?.href ?? null;
    this.originalType = this.link?.type ?? "";
  }

  setBaseTitle(title: string): void {
    this.baseTitle = title;
    this.render(false);
  }

  update(patch: Partial<BadgeViewInput>): BadgeView {
    this.input = { ...this.input, ...patch };
    return this.render(false);
  }

  private render(force: boolean): BadgeView {
    const view = badgeView(this.input, this.baseTitle);
    const prev = this.last;
    this.last = view;
    this.env.document.title = view.title;
    if (force || !prev || JSON.stringify(prev.mark) !== JSON.stringify(view.mark)) this.paint(view.mark);
    if (!prev || JSON.stringify(prev.app) !== JSON.stringify(view.app)) this.appBadge(view.app);
    return view;
  }

  private paint(mark: FaviconMark): void {
    const doc = this.env.document;
    if (!mark && this.originalHref) {
      // The page's own icon is right: set it again only after a mark replaced it (setting it refetches it).
      if (this.link?.href !== this.originalHref) this.setIcon(this.originalHref, this.originalType);
      return;
    }
    this.loadBaseImage();
    const canvas = doc.createElement("canvas") as unknown as CanvasLike;
    let url: string | null = null;
    try {
      url = drawFavicon(canvas, this.baseImage, mark);
    } catch {
      // A cross-origin favicon taints the canvas: draw without it.
      url = drawFavicon(canvas, null, mark);
    }
    if (url) this.setIcon(url);
  }

  /**
   * The page's icon, drawn under a mark: loaded the first time a mark is drawn, not at start, where a page
   * with nothing unread would load and decode it for nothing. Until it loads the mark is drawn alone.
   */
  private loadBaseImage(): void {
    if (this.baseImage || this.baseLoading || !this.originalHref || typeof Image !== "function") return;
    this.baseLoading = true;
    const img = new Image();
    img.onload = () => {
      this.baseImage = img;
      this.render(true);
    };
    img.src = this.originalHref;
  }

  private setIcon(href: string, type = "image/png"): void {
    const doc = this.env.document;
    if (!this.link) {
      this.link = doc.createElement("link");
      this.link.rel = "icon";
      doc.head.appendChild(this.link);
    }
    this.link.type = type;
    this.link.href = href;
  }

  private appBadge(app: AppBadge): void {
    const nav = this.env.navigator;
    if (!nav?.setAppBadge || !nav.clearAppBadge) return;
    const p =
      app.kind === "count"
        ? nav.setAppBadge(app.n)
        : app.kind === "dot"
          ? nav.setAppBadge()
          : nav.clearAppBadge();
    p.catch(() => {
      // Not installed as an app, or the permission is missing: the favicon and title still show it.
    });
  }
}
