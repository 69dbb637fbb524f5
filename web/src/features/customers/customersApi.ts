import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { casePageSchema } from "../../../../contracts/cases.ts";
import {
  type CreateCustomerInput,
  customerPageSchema,
  customerSchema,
  deviceSchema,
  duplicatesSchema,
  factSchema,
} from "../../../../contracts/customers.ts";
import { timelinePageSchema } from "../../../../contracts/timeline-page.ts";
import { apiParsed } from "../../api/client.ts";

// Every query about one customer starts with this key, so one invalidation refreshes them all.
export const customerKey = (id: string) => ["customer", id] as const;

export function useCustomer(id: string) {
  return useQuery({
    queryKey: [...customerKey(id), "profile"],
    queryFn: () => apiParsed(customerSchema, `/api/v1/customers/${id}`),
  });
}

export function useFacts(id: string) {
  return useQuery({
    queryKey: [...customerKey(id), "facts"],
    queryFn: () => apiParsed(z.object({ items: z.array(factSchema) }), `/api/v1/customers/${id}/facts`),
  });
}

export function useDevices(id: string) {
  return useQuery({
    queryKey: [...customerKey(id), "devices"],
    queryFn: () => apiParsed(z.object({ items: z.array(deviceSchema) }), `/api/v1/customers/${id}/devices`),
  });
}

export function useDuplicates(id: string | undefined) {
  return useQuery({
    queryKey: [...customerKey(id ?? ""), "duplicates"],
    queryFn: () => apiParsed(duplicatesSchema, `/api/v1/customers/${id}/duplicates`),
    enabled: Boolean(id),
  });
}

export function useCustomerCases(id: string) {
  return useQuery({
    queryKey: [...customerKey(id), "cases"],
    queryFn: () => apiParsed(casePageSchema, `/api/v1/cases?customer=${id}&status=all&limit=100`),
  });
}

export function useCustomerTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: [...customerKey(id), "timeline"],
    queryFn: ({ pageParam }) =>
      apiParsed(
        timelinePageSchema,
        `/api/v1/customers/${id}/timeline?limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCustomerSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ["customers", query],
    queryFn: () =>
      apiParsed(
        customerPageSchema,
        `/api/v1/customers?limit=50${query ? `&q=${encodeURIComponent(query)}` : ""}`,
      ),
    placeholderData: (previous) => previous,
  });
}

/** A write about one customer, after which everything shown about them is refetched. */
export function useCustomerWrite<TInput>(id: string, write: (input: TInput) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: customerKey(id) });
      void queryClient.invalidateQueries({ queryKey: ["customers"] });
      void queryClient.invalidateQueries({ queryKey: ["cases"] });
    },
  });
}

export type FactInput = { key: string; value: string; caseId?: string };
export const recordFact = (id: string, input: FactInput) =>
  apiParsed(factSchema, `/api/v1/customers/${id}/facts`, { body: input });

export const createCustomer = (input: CreateCustomerInput) =>
  apiParsed(customerSchema, "/api/v1/customers", { body: input });
