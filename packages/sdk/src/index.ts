// @herald/sdk public entry: framework-free browser SDK for Herald.
export * from "./activity.ts";
export * from "./alerts.ts";
export * from "./api.ts";
export * from "./backoff.ts";
export * from "./badge.ts";
export * from "./banner-plain.ts";
export * from "./banner-text.ts";
export * from "./banners.ts";
export * from "./connection.ts";
export * from "./dedup.ts";
export * from "./device.ts";
export * from "./herald.ts";
export * from "./leader.ts";
export * from "./notify-router.ts";
export * from "./permission.ts";
export * from "./prefs.ts";
export * from "./push.ts";
export * from "./sounds.ts";
export * from "./tones.ts";
export * from "./types.ts";

export const version = "0.1.0";
