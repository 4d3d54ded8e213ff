// The gateway node: owns local connections, consumes domain events from the bus, and wires presence,
// fan-out and resume together. It talks to ClientSocket only; ws-adapter.ts plugs in real WebSockets.
import { type ActivityFacts, RECONNECT_GRACE_MS } from "@herald/core";
import type { Bus } from "../cluster/bus.ts";
import type { PresenceStore } from "../cluster/presence.ts";
import { assignedAll } from "./assigned.ts";
import { UserBadge } from "./badges.ts";
import { Connection } from "./connection.ts";
import type { GatewayEvent, SessionsRevoked, UserFrame } from "./events.ts";
import { GATEWAY_TOPICS } from "./events.ts";
import { handleEvent } from "./handle.ts";
import type { LocalUser } from "./local.ts";
import type { AuthResult, ClientSocket, Clock, DecisionRecorder, GatewayStore, Timer } from "./ports.ts";
import { PresenceService } from "./presence.ts";
import { type ClientFrame, errorFrame, parseClientFrame } from "./protocol.ts";
import {
  CLOSE_RATE_LIMITED,
  CLOSE_TOO_MANY_CONNECTIONS,
  DEFAULT_RATE_LIMITS,
  type RateLimits,
  TokenBucket,
} from "./rate-limit.ts";
import { RecentRevocations, revokes } from "./revocations.ts";
import { RoomIndex } from "./rooms.ts";
import { handleActivity, handleHello, handleState, type SessionDeps } from "./session.ts";
import { UserLog } from "./user-log.ts";
import { PresenceWatchers } from "./watchers.ts";

export interface GatewayOptions {
  nodeId: string;
  store: GatewayStore;
  bus: Bus;
  presenceStore: PresenceStore;
  clock: Clock;
  timer: Timer;
  recorder?: DecisionRecorder;
  limits?: RateLimits;
  /** PRS-7 thresholds announced besides each user's idle limit: PRV-6 (300 s by default). */
  inactivityThresholdsMs?: number[];
  /** Frames larger than this close the connection (1009). */
  maxFrameBytes?: number;
  /** The user directory is open (HERALD_USER_DIRECTORY): anyone may watch anyone's presence. Otherwise only
   *  users who share a room with the watcher (PRS-6 subscriptions are filtered). */
  openDirectory?: boolean;
  onError?(error: unknown): void;
  /** GEN-8: connection count and fan-out sizes / durations. */
  metrics?: GatewayMetrics;
}

export interface GatewayMetrics {
  connections(delta: number): void;
  fanout(recipients: number, writes: number, ms: number): void;
  /** One frame received from a client (counted before the size and rate checks: refused frames too). */
  frameIn?(): void;
}

export interface Session {
  onMessage(text: string): void;
  onClose(): void;
  readonly connection: Connection;
}

export class Gateway {
  readonly o: GatewayOptions;
  readonly rooms: RoomIndex;
  readonly locals = new Map<string, LocalUser>();
  readonly presence: PresenceService;
  readonly #userBuckets = new Map<string, TokenBucket>();
  readonly #offs: (() => Promise<void>)[] = [];
  readonly #deps: SessionDeps;
  readonly #watchers: PresenceWatchers;
  readonly #subscribeSeq = new WeakMap<Connection, number>();
  #queue: Promise<void> = Promise.resolve();
  readonly #side = new Set<Promise<void>>();
  #offStatus: (() => void) | null = null;
  readonly #revoked = new RecentRevocations();
  /** The presence service's latest activity facts of this node's users (PRS-*), for core's snapshots. */
  readonly #activity = new Map<string, ActivityFacts>();

  constructor(options: GatewayOptions) {
    this.o = options;
    this.rooms = new RoomIndex(options.store, options.clock, (id) => this.#activity.get(id));
    this.#watchers = new PresenceWatchers(options.presenceStore, options.onError);
    this.presence = new PresenceService({
      nodeId: options.nodeId,
      clock: options.clock,
      timer: options.timer,
      store: options.presenceStore,
      bus: options.bus,
      thresholdsMs: options.inactivityThresholdsMs ?? [300_000],
      user: (id) => this.locals.get(id)?.snapshot ?? undefined,
      connections: (id) => this.locals.get(id)?.conns ?? [],
      onActivity: (id, facts) => this.#setActivity(id, facts),
      onError: options.onError,
    });
    this.#deps = {
      store: options.store,
      rooms: this.rooms,
      now: () => options.clock.now(),
      presenceChanged: (id) => this.presence.touch(id),
      subscribe: (c, ids) => this.#watchers.set(c, ids),
      ownStatus: async (id) => (await options.presenceStore.statuses([id])).get(id) ?? "offline",
    };
  }

  async start(): Promise<void> {
    for (const topic of GATEWAY_TOPICS) {
      this.#offs.push(
        await this.o.bus.subscribe(topic, (p) => {
          const ev = p as GatewayEvent;
          // Revocation skips the queue: nothing queued behind it may reach a socket whose credential is gone.
          if (ev.type === "user.sessions_revoked") this.revoke(ev);
          else this.#enqueue(ev);
        }),
      );
    }
    this.#offStatus = await this.o.presenceStore.onStatus((userId, status) =>
      this.#watchers.changed(userId, status),
    );
  }

  async stop(): Promise<void> {
    for (const off of this.#offs.splice(0)) await off();
    this.#offStatus?.();
    this.presence.stop();
    for (const lu of this.locals.values())
      for (const c of lu.conns) c.socket.close(1001, "server shutting down");
  }

  /** Waits until queued bus events and presence work are done (tests, orderly shutdown). */
  async idle(): Promise<void> {
    let q: Promise<void>;
    do {
      q = this.#queue;
      await q;
      await Promise.all(this.#side);
      await this.presence.settled();
    } while (q !== this.#queue || this.#side.size > 0);
  }

  /** Per-user realtime event for every device of the user on every node (CAL-1/2, SUP-3), within 1 s. */
  sendToUser(userId: string, event: UserFrame): Promise<void> {
    return this.o.bus.publish("user.event", { type: "user.event", userId, event });
  }

  connect(socket: ClientSocket, auth: AuthResult): Session {
    const now = this.o.clock.now();
    const limits = this.o.limits ?? DEFAULT_RATE_LIMITS;
    const conn = new Connection(
      auth.userId,
      socket,
      new TokenBucket(limits.connPerSecond, limits.connBurst, now),
      now,
    );
    conn.sessionId = auth.sessionId ?? null;
    conn.tokenId = auth.tokenId ?? null;
    // GEN-6: a user past the socket cap is refused before it costs anything (no room load, no presence).
    const have = this.locals.get(auth.userId)?.conns.size ?? 0;
    if (have >= limits.connectionsPerUser) {
      socket.close(CLOSE_TOO_MANY_CONNECTIONS, "too many connections");
      return { connection: conn, onMessage: () => {}, onClose: () => {} };
    }
    const lu = this.#localUser(auth.userId);
    lu.conns.add(conn);
    this.o.metrics?.connections(1);
    this.#track(this.#capAcrossNodes(lu, conn, limits.connectionsPerUser));
    // The credential was checked before a revocation this node has seen since: close at once (PRM-4).
    if (auth.authenticatedAt !== undefined && this.#revoked.revokedSince(conn, auth.authenticatedAt))
      this.#close(lu, conn);
    return {
      connection: conn,
      onMessage: (text) => this.#onMessage(lu, conn, text),
      onClose: () => this.#onClose(lu, conn),
    };
  }

  /** PRM-4 / TOK-1 / GEN-5: closes with 4401 the user's sockets opened with the revoked session or token —
   *  every socket of the user when neither is named (deactivation) — and detaches them at once, so nothing
   *  more is written to them. Returns how many were closed. */
  revoke(ev: SessionsRevoked): number {
    this.#revoked.remember(ev, this.o.clock.now());
    const lu = this.locals.get(ev.userId);
    if (!lu) return 0;
    const hit = [...lu.conns].filter((c) => revokes(ev, c));
    for (const c of hit) this.#close(lu, c);
    return hit.length;
  }

  /**
   * GEN-6 across a cluster: the sockets the user holds on the other nodes (as their presence reports say)
   * count against the same cap. The reports are remote, so this runs beside the handshake (never in the
   * event queue, which a slow read would hold up): a socket past the cap is closed with 4409 as soon as that
   * is known. Two nodes taking a user's last free places at the same instant may both keep theirs — the cap
   * bounds a flood, not an exact count.
   */
  async #capAcrossNodes(lu: LocalUser, conn: Connection, cap: number): Promise<void> {
    if (!lu.conns.has(conn)) return;
    let elsewhere = 0;
    for (const node of await this.o.presenceStore.facts(lu.userId, this.o.nodeId))
      elsewhere += node.connections;
    if (elsewhere + lu.conns.size <= cap || !lu.conns.has(conn)) return;
    this.#onClose(lu, conn);
    conn.socket.close(CLOSE_TOO_MANY_CONNECTIONS, "too many connections");
  }

  /** Detach first (nothing more is written to it, frames it still sends are ignored), then close. */
  #close(lu: LocalUser, conn: Connection): void {
    this.#onClose(lu, conn);
    conn.socket.close(4401, "signed out");
  }

  #localUser(userId: string): LocalUser {
    const have = this.locals.get(userId);
    if (have) return have;
    const lu: LocalUser = {
      userId,
      conns: new Set(),
      loaded: Promise.resolve(false),
      snapshot: null,
      badge: null,
      // A fresh log: its time-based cursors start above any older log's, so a client resuming from before
      // it gets its missed events rebuilt from the store (GEN-7) — no log outlives the user's connection.
      log: new UserLog(() => this.o.clock.now()),
      rooms: new Set(),
      assigned: new Set(),
    };
    lu.loaded = this.#load(lu);
    this.locals.set(userId, lu);
    return lu;
  }

  async #load(lu: LocalUser): Promise<boolean> {
    const [snapshot, roomIds, badge] = await Promise.all([
      this.o.store.loadUser(lu.userId),
      this.o.store.roomsOf(lu.userId),
      this.o.store.readStates(lu.userId),
    ]);
    if (!snapshot) return false;
    await Promise.all(roomIds.map((r) => this.rooms.acquire(r, lu.userId)));
    for (const r of roomIds) lu.rooms.add(r);
    // Rooms other users had loaded already hold this user's stored facts: give them the known activity.
    const activity = this.#activity.get(lu.userId);
    if (activity) for (const r of roomIds) this.rooms.get(r)?.core.setActivity(lu.userId, activity);
    lu.snapshot = snapshot;
    lu.badge = new UserBadge(badge);
    assignedAll(this.rooms, lu);
    return true;
  }

  /** The presence service recomputed a user's facts (across nodes): core's snapshots of the user's rooms
   *  read them from now on, and so does a room loaded later. */
  activityOf(userId: string): ActivityFacts | undefined {
    return this.#activity.get(userId);
  }

  #setActivity(userId: string, facts: ActivityFacts): void {
    // Only this node's users: a recompute after the user was dropped must not keep their facts here.
    const lu = this.locals.get(userId);
    if (!lu) return;
    this.#activity.set(userId, facts);
    for (const r of lu.rooms) this.rooms.get(r)?.core.setActivity(userId, facts);
  }

  #onMessage(lu: LocalUser, conn: Connection, text: string): void {
    this.o.metrics?.frameIn?.();
    if (!lu.conns.has(conn)) return; // closed by a revocation: its late frames are not answered
    const limits = this.o.limits ?? DEFAULT_RATE_LIMITS;
    if (text.length > (this.o.maxFrameBytes ?? 65_536)) {
      conn.socket.close(1009, "frame too large");
      return;
    }
    if (!(conn.ready || conn.buffer !== null)) {
      // The handshake never counts against the frame budgets (GEN-6): a hello always gets its ready, however
      // busy the user's other sockets are. It is one frame per socket, and sockets per user are capped.
      const first = parseClientFrame(text);
      if (first.ok && first.frame.t === "hello") {
        this.#dispatch(lu, conn, first.frame);
        return;
      }
    }
    if (!this.#allow(conn, limits)) {
      // GEN-6: refuse with an error frame; a client that keeps going is closed with 4429.
      if (++conn.refusals >= limits.closeAfterRefusals) conn.socket.close(CLOSE_RATE_LIMITED, "rate limited");
      else conn.send(errorFrame("rate_limited", "too many frames; slow down"));
      return;
    }
    conn.refusals = 0;
    const parsed = parseClientFrame(text);
    if (!parsed.ok) conn.send(errorFrame(parsed.code, parsed.message));
    else this.#dispatch(lu, conn, parsed.frame);
  }

  #dispatch(lu: LocalUser, conn: Connection, f: ClientFrame): void {
    const started = conn.ready || conn.buffer !== null;
    if (f.t === "hello") {
      if (started) conn.send(errorFrame("bad_frame", "hello was already sent"));
      else handleHello(this.#deps, lu, conn, f).catch((e) => this.#fail(conn, e));
    } else if (!started) conn.send(errorFrame("hello_required", "send hello first"));
    else if (f.t === "state") handleState(this.#deps, conn, f);
    else if (f.t === "activity") handleActivity(this.#deps, conn);
    else if (f.t === "presence.subscribe") this.#subscribe(conn, f.userIds).catch((e) => this.#fail(conn, e));
    else conn.send('{"t":"pong"}');
  }

  /** PRS-6: watch only users the subscriber shares a room with (or anyone with an open directory). The
   *  latest subscribe of a connection wins even when an earlier one's lookup answers later. */
  async #subscribe(conn: Connection, userIds: readonly string[]): Promise<void> {
    const seq = (this.#subscribeSeq.get(conn) ?? 0) + 1;
    this.#subscribeSeq.set(conn, seq);
    let allowed = userIds;
    if (!this.o.openDirectory) {
      const others = userIds.filter((id) => id !== conn.userId);
      const shared = await this.o.store.sharedWith(conn.userId, others);
      allowed = userIds.filter((id) => id === conn.userId || shared.has(id));
    }
    if (this.#subscribeSeq.get(conn) !== seq || !this.locals.get(conn.userId)?.conns.has(conn)) return;
    this.#watchers.set(conn, allowed);
  }

  #allow(conn: Connection, limits: RateLimits): boolean {
    const now = this.o.clock.now();
    let user = this.#userBuckets.get(conn.userId);
    if (!user) {
      user = new TokenBucket(limits.userPerSecond, limits.userBurst, now);
      this.#userBuckets.set(conn.userId, user);
    }
    return conn.bucket.take(now) && user.take(now);
  }

  #fail(conn: Connection, error: unknown): void {
    this.o.onError?.(error);
    conn.socket.close(1011, "internal error");
  }

  #onClose(lu: LocalUser, conn: Connection): void {
    if (!lu.conns.delete(conn)) return;
    this.o.metrics?.connections(-1);
    this.#watchers.set(conn, []);
    this.presence.touch(lu.userId);
    if (lu.conns.size > 0) return;
    // Keep the user deciding and logging through the reconnect grace (PRS-4), so a short reconnect resumes
    // with every event from the log (GEN-7); then drop the user, its rooms and its log (bounded memory): a
    // later resume is rebuilt from the store.
    this.#userBuckets.delete(lu.userId);
    this.o.timer.setTimeout(() => {
      this.#enqueueTask(async () => {
        if (lu.conns.size > 0 || this.locals.get(lu.userId) !== lu) return;
        this.locals.delete(lu.userId);
        this.#activity.delete(lu.userId);
        for (const r of lu.rooms) this.rooms.release(r, lu.userId);
      });
    }, RECONNECT_GRACE_MS);
  }

  #enqueue(ev: GatewayEvent): void {
    this.#enqueueTask(() => handleEvent(this, ev));
  }

  /** Work beside the event queue that `idle()` still waits for; its errors go where the queue's go. */
  #track(work: Promise<void>): void {
    const p = work.catch((e) => this.o.onError?.(e)).finally(() => this.#side.delete(p));
    this.#side.add(p);
  }

  #enqueueTask(task: () => Promise<void> | void): void {
    this.#queue = this.#queue.then(task).catch((e) => this.o.onError?.(e));
  }
}
