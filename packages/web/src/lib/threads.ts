import { type Answer, http, ok } from "./api.ts";
import { keys, useApiQuery } from "./query.ts";

/** A thread I follow, as GET /threads/followed answers it (counts from core's threadCounts). */
export type FollowedThread = Answer<"/api/v1/threads/followed", "get">["threads"][number];

/**
 * The threads I follow, newest activity first; loaded again when a reply arrives or a read position moves
 * (live.tsx invalidates it on those frames), so the list and the sidebar's count agree.
 */
export function useFollowedThreads() {
  return useApiQuery(keys.followedThreads(), () => ok(http.GET("/api/v1/threads/followed")));
}
