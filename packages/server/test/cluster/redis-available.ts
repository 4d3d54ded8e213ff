// Redis is required when CI=true (a suite must fail, not skip); elsewhere a missing Redis skips with a note.
import { Redis } from "ioredis";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export async function redisSkipReason(): Promise<string | false> {
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await probe.connect();
    await probe.ping();
    return false;
  } catch (error) {
    if (process.env.CI === "true")
      throw new Error(`Redis at ${REDIS_URL} is required when CI=true: ${error}`);
    return `Redis unreachable at ${REDIS_URL} (set CI=true to make this a failure)`;
  } finally {
    probe.disconnect();
  }
}

export function uniquePrefix(name: string): string {
  return `herald-test:${name}:${process.pid}:${Math.random().toString(36).slice(2)}:`;
}
