import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api, http, ok } from "./api.ts";
import { keys } from "./query.ts";
import type { NotificationItem } from "./types.ts";

interface Page {
  items: NotificationItem[];
  nextCursor: string | null;
}

/** The inbox (GEN-1), newest first, 30 a page; a notify frame loads it again (frame-cache.ts). */
export function useNotifications(filter: string) {
  const query = useInfiniteQuery({
    queryKey: keys.notifications(filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const q = `limit=30${filter ? `&filter=${filter}` : ""}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`;
      return api.get<Page>(`/notifications?${q}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items };
}

/**
 * Mark read, all read and snooze. Every list of items is patched in place (a refetch would drop the pages
 * loaded so far); the count in the top bar loads again: marking one item read moves no read position, so no
 * frame from the server would tell it.
 */
export function useInboxActions() {
  const client = useQueryClient();
  const patch = (fn: (n: NotificationItem) => NotificationItem | null) =>
    client.setQueriesData<InfiniteData<Page>>({ queryKey: ["notifications", "list"] }, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((p) => ({
              ...p,
              items: p.items.flatMap((n) => fn(n) ?? []),
            })),
          }
        : data,
    );
  const settle = () => client.invalidateQueries({ queryKey: keys.inboxCount() });
  const markRead = useMutation({
    mutationFn: (id: string) =>
      ok(http.POST("/api/v1/notifications/{id}/read", { params: { path: { id } } })),
    onSuccess: (_, id) => {
      patch((n) => (n.id === id ? { ...n, read: true } : n));
      return settle();
    },
  });
  // The server also reads the messages the items point at: the badge and room rows follow by their frames.
  const readAll = useMutation({
    mutationFn: () => ok(http.POST("/api/v1/notifications/read-all")),
    onSuccess: () => {
      patch((n) => ({ ...n, read: true }));
      return settle();
    },
  });
  const snooze = useMutation({
    mutationFn: ({ id, until }: { id: string; until: number }) =>
      ok(http.POST("/api/v1/notifications/{id}/snooze", { params: { path: { id } }, body: { until } })),
    onSuccess: (_, { id }) => {
      patch((n) => (n.id === id ? null : n));
      return settle();
    },
  });
  return { markRead, readAll, snooze };
}

/** Unread in-app notifications (GEN-1) for the top bar; loaded again on each notify, read and badge frame. */
export function useInboxCount(): number {
  const q = useQuery({
    queryKey: keys.inboxCount(),
    queryFn: () => ok(http.GET("/api/v1/notifications/unread-count")),
  });
  return q.data?.unread ?? 0;
}
