// createHerald: the pieces wired together for a browser app. Each piece is also
// exported alone for apps that want to wire them differently.
import { ActivityTracker } from "./activity.ts";
import { type AlertAction, AlertManager } from "./alerts.ts";
import { HeraldApi, type SessionInfo } from "./api.ts";
import { BadgeDisplay } from "./badge.ts";
import { BannerPresenter, type NotificationCtorLike, type Toast } from "./banners.ts";
import { Connection } from "./connection.ts";
import { ShownBanners } from "./dedup.ts";
import { browserDeviceKind, browserStore, getDeviceId, randomId } from "./device.ts";
import { browserLeader, type TabLeader } from "./leader.ts";
import { NotifyRouter, type OpenTarget, type ResyncInfo } from "./notify-router.ts";
import { type NotificationApiLike, PermissionFlow, reportedPermission } from "./permission.ts";
import { DEFAULT_CLIENT_PREFERENCES, mergePreferences, type PreferencesPatch } from "./prefs.ts";
import { type SoundHandle, SoundPlayer } from "./sounds.ts";
import type { ToneName } from "./tones.ts";
import { type DeviceKind, type KeyValueStore, memoryStore, type View } from "./types.ts";

export interface HeraldOptions {
  apiBaseUrl?: string;
  wsUrl?: string;
  /** Base of document.title; the badge prefixes it (BDG-5). Default "Herald". */
  title?: string;
  /** Manage favicon / title / app badge. Default true. */
  manageBadge?: boolean;
  onOpen?: (target: OpenTarget) => void;
  onToast?: (toast: Toast) => void;
  onAutoplayBlocked?: () => void;
  onAutoplayUnblocked?: () => void;
  onSignedOut?: () => void;
  onAlertAction?: (action: AlertAction) => void;
  /** GEN-7: `ready` said missed items were rebuilt from the store (or even that is incomplete): refetch room
   *  lists, badge and inbox over HTTP. Rebuilt items are replayed without banner or sound. */
  onResync?: (info: ResyncInfo) => void;
  /** Names for ring banners: ring frames carry the caller's user id. */
  displayName?: (userId: string) => string | undefined;
  store?: KeyValueStore;
}

export class Herald {
  readonly api: HeraldApi;
  readonly store: KeyValueStore;
  readonly deviceId: string;
  readonly deviceKind: DeviceKind;
  readonly connection: Connection;
  readonly activity: ActivityTracker;
  readonly permission: PermissionFlow;
  readonly leader: TabLeader;
  readonly banners: BannerPresenter;
  readonly sounds: SoundPlayer;
  readonly alerts: AlertManager;
  readonly badge: BadgeDisplay | null;
  readonly router: NotifyRouter;
  prefs = DEFAULT_CLIENT_PREFERENCES;
  private readonly o: HeraldOptions;
  private readonly shown: ShownBanners;
  private view: View & { conversationId?: string } = {};
  private readonly cleanups: (() => void)[] = [];

  constructor(options: HeraldOptions = {}) {
    this.o = options;
    this.store = options.store ?? browserStore() ?? memoryStore();
    this.api = new HeraldApi({ baseUrl: options.apiBaseUrl, onUnauthorized: () => this.signedOut() });
    this.deviceId = getDeviceId(this.store);
    this.deviceKind = browserDeviceKind();
    const N =
      (globalThis as { Notification?: NotificationCtorLike & NotificationApiLike }).Notification ?? null;
    this.permission = new PermissionFlow(N, this.store);
    this.shown = new ShownBanners(this.store, () => Date.now());
    this.leader = browserLeader(randomId());
    this.banners = new BannerPresenter({
      notification: N,
      leader: this.leader,
      shown: this.shown,
      masterOn: () => this.prefs.agent.desktopMaster,
      focusWindow: () => globalThis.focus?.(),
      onToast: options.onToast,
    });
    this.sounds = new SoundPlayer({
      onAutoplayBlocked: options.onAutoplayBlocked,
      onAutoplayUnblocked: options.onAutoplayUnblocked,
    });
    this.activity = new ActivityTracker({
      env: { window: globalThis as unknown as Window, document },
      send: (f) => this.connection.send(f),
    });
    this.connection = new Connection({
      url: options.wsUrl,
      deviceId: this.deviceId,
      deviceKind: this.deviceKind,
      getState: () => ({ ...this.activity.state, permission: reportedPermission(this.permission.phase) }),
      checkSession: () =>
        this.api.session().then(
          () => true,
          (e: { status?: number }) => e.status !== 401,
        ),
    });
    this.alerts = new AlertManager({
      play: (tone, o) => this.sounds.play(tone, o),
      banners: this.banners,
      prefs: () => ({ ...this.prefs.account, ...this.prefs.agent }),
      focused: () => this.activity.state.focused,
      view: () => this.view,
      onAction: (a) => options.onAlertAction?.(a),
      isLeader: () => this.leader.isLeader(),
      displayName: options.displayName,
    });
    this.badge =
      options.manageBadge === false ? null : new BadgeDisplay({ document, navigator }, options.title);
    this.router = new NotifyRouter({
      banners: this.banners,
      alerts: this.alerts,
      play: (tone, o) => this.sounds.play(tone, o),
      claim: (key) => this.shown.claim(key),
      prefs: () => this.prefs,
      focused: () => this.activity.state.focused,
      view: () => this.view,
      open: (target, id) => this.open(target, id),
      markNotificationRead: (id) => void this.api.markNotificationRead(id).catch(() => {}),
      onAlertAction: options.onAlertAction,
      onResync: options.onResync,
    });
    this.wire();
  }

  private wire(): void {
    const c = this.connection;
    this.cleanups.push(
      c.on("ready", (e) => this.badge?.update({ total: e.badge.total, dot: e.badge.dot, signedOut: false })),
      c.on("badge", (e) => this.badge?.update({ total: e.total, dot: e.dot })),
      // notify, read, assigned.unread (PRF-50), ring / pending, ready.rebuilt (GEN-7).
      ...this.router.attach(c),
      c.onStatus((s) => s === "unauthorized" && this.signedOut()),
      this.permission.onChange((p) => c.send({ t: "state", permission: reportedPermission(p) })),
    );
    const onOnline = () => c.nudge();
    const onVisible = () => {
      this.permission.refresh();
      if (document.visibilityState === "visible") c.nudge();
    };
    globalThis.addEventListener?.("online", onOnline);
    document.addEventListener("visibilitychange", onVisible);
    this.cleanups.push(
      () => globalThis.removeEventListener?.("online", onOnline),
      () => document.removeEventListener("visibilitychange", onVisible),
    );
  }

  /** Start tracking and connect. Call after sign-in (or with a valid session cookie). */
  start(session?: SessionInfo): void {
    if (session) this.api.csrfToken = session.csrfToken;
    this.permission.start();
    this.activity.start();
    this.connection.connect();
  }

  stop(): void {
    for (const f of this.cleanups.splice(0)) f();
    this.connection.close();
    this.activity.stop();
    this.alerts.stopAll();
    this.router.stopAll();
    this.sounds.stopAll();
    this.banners.closeAll();
    this.leader.stop();
  }

  /** After a new sign-in: clear the signed-out mark and reconnect. */
  signedIn(session: SessionInfo): void {
    this.api.csrfToken = session.csrfToken;
    this.badge?.update({ signedOut: false });
    this.connection.restart();
  }

  setPreferences(patch: PreferencesPatch): void {
    this.prefs = mergePreferences(this.prefs, patch);
    this.badge?.update({ showBadge: this.prefs.account.showBadge });
    this.alerts.refreshReminder(); // PRF-50 turned on or off
  }

  /** The room / thread / conversation on screen (DSK-2, PRF-51). */
  setView(view: View & { conversationId?: string }): void {
    this.view = { ...view };
    this.activity.setView({ roomId: view.roomId ?? view.conversationId, threadId: view.threadId });
  }

  /** DSK-7 test buttons: a sample banner with the current settings. */
  testBanner(): void {
    this.banners.show({
      id: `test:${randomId()}`,
      title: "Herald test notification",
      body: "This is how your notifications will look.",
      tag: "herald:test",
      stay: this.prefs.account.bannerSeconds,
    });
  }

  /** DSK-7: plays a tone with the current volume; loop until handle.stop() when asked. */
  testSound(tone: ToneName, loop = false): SoundHandle {
    void this.sounds.unlock();
    return this.sounds.play(tone, { volume: this.prefs.account.volume, loop });
  }

  /** Banner / push click: open it in the app and mark it read (DSK-6). */
  open(target: OpenTarget, notificationId?: string): void {
    this.o.onOpen?.(target);
    const done = () => {};
    if (notificationId) this.api.markNotificationRead(notificationId).catch(done);
    if (target.threadId) this.api.markThreadRead(target.threadId).catch(done);
    else if (target.roomId) this.api.markRoomRead(target.roomId).catch(done);
  }

  private signedOut(): void {
    this.badge?.update({ signedOut: true }); // PRM-4
    this.alerts.stopAll();
    this.router.stopAll();
    this.o.onSignedOut?.();
  }
}

export function createHerald(options: HeraldOptions = {}): Herald {
  return new Herald(options);
}
