import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { notificationListSchema, type StaffNotification } from "../../../../contracts/notifications.ts";
import { api, apiParsed } from "../../api/client.ts";

/** The bell's data: my notifications, newest first, with my unread count (docs/agents-api.md). */
export const notificationsKey = ["notifications"] as const;
export type { StaffNotification };

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: notificationsKey,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      apiParsed(
        notificationListSchema,
        `/api/v1/notifications?limit=20${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/api/v1/notifications/${id}/read`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api("/api/v1/notifications/read-all", { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
