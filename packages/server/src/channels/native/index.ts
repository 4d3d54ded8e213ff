// Native mobile push for the worker: APNs and FCM with this server's own credentials, or through a Herald
// push proxy that holds them (for a platform this server has no credentials for).
import { readFileSync } from "node:fs";
import type { Clock } from "../../clock.ts";
import type { Config } from "../../config.ts";
import type { PushMessage } from "../push-types.ts";
import type { SendResult } from "../result.ts";
import { ApnsSender } from "./apns.ts";
import { loadApnsKey, loadServiceAccount } from "./config.ts";
import { FcmSender } from "./fcm.ts";
import { H2Pool } from "./h2.ts";
import { PushProxyClient } from "./proxy-client.ts";

export type NativePlatform = "apns" | "fcm";

export interface NativeTarget {
  platform: NativePlatform;
  token: string;
  appId: string;
  environment: "production" | "sandbox";
}

export interface NativeSenders {
  apns?: ApnsSender;
  fcm?: FcmSender;
  proxy?: PushProxyClient;
}

export class NativePush {
  readonly #s: NativeSenders;
  readonly #pool: H2Pool | null;

  constructor(senders: NativeSenders, pool: H2Pool | null = null) {
    this.#s = senders;
    this.#pool = pool;
  }

  /** Own credentials first; else the proxy; else a permanent failure admins see. */
  async send(t: NativeTarget, push: PushMessage): Promise<SendResult> {
    if (t.platform === "apns" && this.#s.apns) return this.#s.apns.send(t, push);
    if (t.platform === "fcm" && this.#s.fcm) return this.#s.fcm.send(t.token, push);
    if (this.#s.proxy) return this.#s.proxy.send(t, push);
    return {
      kind: "failed",
      reason: `no ${t.platform === "apns" ? "APNs" : "FCM"} credentials or push proxy configured`,
    };
  }

  close(): void {
    this.#pool?.close();
    this.#s.proxy?.close();
  }
}

/** Built from the settings checked at boot (config.ts): key files were readable and of the right kind then. */
export function createNativePush(config: Config, clock: Clock): NativePush {
  const ca = config.pushCaPath ? readFileSync(config.pushCaPath, "utf8") : undefined;
  const pool = new H2Pool(ca ? { ca } : {});
  const senders: NativeSenders = {};
  if (config.apnsKeyPath && config.apnsKeyId && config.apnsTeamId)
    senders.apns = new ApnsSender({
      keyId: config.apnsKeyId,
      teamId: config.apnsTeamId,
      key: loadApnsKey(config.apnsKeyPath),
      pool,
      clock,
      host: config.apnsHost,
    });
  if (config.fcmServiceAccountPath)
    senders.fcm = new FcmSender({
      account: loadServiceAccount(config.fcmServiceAccountPath),
      pool,
      clock,
      endpoint: config.fcmEndpoint,
      tokenUri: config.fcmTokenUri,
      ...(ca ? { ca } : {}),
    });
  if (config.pushProxyUrl && config.pushProxySecret)
    senders.proxy = new PushProxyClient({
      url: config.pushProxyUrl,
      secret: config.pushProxySecret,
      clock,
      ...(ca ? { ca } : {}),
    });
  return new NativePush(senders, pool);
}

/** Per-platform outcomes and devices that took a push, gathered during a pass and stored once after it. */
export class PushTally {
  readonly counts = new Map<string, number>();
  readonly touched = new Set<string>();
  add(platform: string, outcome: SendResult["kind"]): void {
    const k = `${platform}:${outcome}`;
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
  take(): { counts: Map<string, number>; touched: string[] } {
    const out = { counts: new Map(this.counts), touched: [...this.touched] };
    this.counts.clear();
    this.touched.clear();
    return out;
  }
}
