import { useEffect } from "react";
import { api } from "./api.ts";
import type { User } from "./types.ts";

/** This browser's IANA zone ("UTC" when it names none). */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/**
 * The zones a person can pick: UTC first (browsers leave it out of their IANA list, though many teams keep
 * their clocks in it), then every zone the browser knows; a saved zone the browser does not list stays
 * choosable instead of showing as another.
 */
export function zoneChoices(saved: string | undefined): string[] {
  const known =
    (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  const list = ["UTC", ...known.filter((z) => z !== "UTC")];
  for (const z of [browserZone(), saved]) if (z && !list.includes(z)) list.push(z);
  return list;
}

/**
 * While my zone is automatic, the server keeps this browser's zone: it reads it for quiet hours, "until
 * tomorrow" and e-mail times. Saved only when it differs, so a second tab or a reload sends nothing.
 */
export function useAutomaticZone(user: User | null, setUser: (u: User) => void): void {
  const auto = user?.timezoneAuto === true;
  const saved = user?.timezone;
  useEffect(() => {
    const zone = browserZone();
    if (!auto || !user || zone === saved) return;
    api
      .patch<{ user: User }>("/me", { timezone: zone, timezoneAuto: true })
      .then((res) => setUser({ ...user, ...res.user }))
      .catch(() => undefined); // kept as it was; the next start tries again
  }, [auto, saved, user, setUser]);
}
