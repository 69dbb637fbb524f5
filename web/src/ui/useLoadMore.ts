import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

type Page<T> = { items: T[]; nextCursor: string | null };

/**
 * "Load more" on top of a list's first page, which stays an ordinary query (live updates and
 * optimistic inserts keep working on it). Later pages, fetched with the API's nextCursor, are
 * appended; an item that is in both (the first page grew meanwhile) is shown once.
 */
export function useLoadMore<T extends { id: string | number }>(
  first: Page<T> | undefined,
  fetchPage: (cursor: string) => Promise<Page<T>>,
) {
  const [more, setMore] = useState<Page<T> | null>(null);
  const cursor = more ? more.nextCursor : (first?.nextCursor ?? null);
  const load = useMutation({
    mutationFn: (from: string) => fetchPage(from),
    onSuccess: (page) =>
      setMore((prev) => ({ items: [...(prev?.items ?? []), ...page.items], nextCursor: page.nextCursor })),
  });
  const seen = new Set<T["id"]>();
  const items = [...(first?.items ?? []), ...(more?.items ?? [])].filter((item) => {
    if (seen.has(item.id)) return false;
    seen.add(item.id);
    return true;
  });
  return {
    items,
    hasMore: cursor !== null && first !== undefined,
    loading: load.isPending,
    error: load.isError,
    loadMore: () => {
      if (cursor) load.mutate(cursor);
    },
  };
}
