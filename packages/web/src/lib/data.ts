import { useCallback, useEffect, useState } from "react";
import { api, errorText } from "./api.ts";

/** Lists come back either bare or wrapped ({rooms: […]}); accept both so a small contract drift does not blank a screen. */
export function asList<T>(data: unknown, key: string): T[] {
  if (Array.isArray(data)) return data as T[];
  const o = data as Record<string, unknown> | null;
  if (o && Array.isArray(o[key])) return o[key] as T[];
  if (o && Array.isArray(o.items)) return o.items as T[];
  return [];
}

export function asItem<T>(data: unknown, key: string): T {
  const o = data as Record<string, unknown> | null;
  if (o?.[key] && typeof o[key] === "object") return o[key] as T;
  return data as T;
}

export interface Loaded<T> {
  data: T | null;
  error: string;
  loading: boolean;
  reload(): void;
  set(v: T): void;
}

/** GET `path` and map the answer; reload on demand. `path` null = nothing to load yet. */
export function useGet<T>(path: string | null, map: (raw: unknown) => T): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState("");
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `map` is a pure mapper; `tick` forces a reload
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoading(true);
    api.get<unknown>(path).then(
      (raw) => {
        if (!live) return;
        setData(map(raw));
        setError("");
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(errorText(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, set: setData };
}

export function formatTime(ms: number | undefined): string {
  if (!ms) return "";
  const d = new Date(ms);
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  return sameDay
    ? d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
    : d.toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}
