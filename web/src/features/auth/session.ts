import { type QueryClient, useQuery } from "@tanstack/react-query";
import { type Me, meSchema } from "../../../../contracts/accounts.ts";
import { ApiError, api, apiParsed } from "../../api/client.ts";

export const meQueryKey = ["me"] as const;

/** The signed-in person, or null when signed out (401 is an answer here, not an error). */
async function fetchMe(): Promise<Me | null> {
  try {
    return await apiParsed(meSchema, "/api/v1/me");
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/**
 * Loads the session right after signing in. A cached "signed out" answer would otherwise
 * send the guard straight back to the sign-in page before a background refetch finishes.
 */
export async function refreshSession(queryClient: QueryClient): Promise<void> {
  queryClient.setQueryData(meQueryKey, await fetchMe());
}

export const isStaff = (me: Me) => me.permissions.includes("app.use");

/** Resolves to Better Auth's answer: `{ twoFactorRedirect: true }` when a code must follow. */
export async function signInWithPassword(email: string, password: string): Promise<unknown> {
  return api("/api/auth/sign-in/email", { body: { email, password } });
}

/** `callbackURL`: where the link lands once it signed the customer in (a portal path). */
export async function requestMagicLink(email: string, callbackURL = "/portal"): Promise<void> {
  await api("/api/auth/sign-in/magic-link", { body: { email, callbackURL } });
}

/** Signs out and forgets every cached answer so the next person sees nothing of this one. */
export async function signOut(queryClient: QueryClient): Promise<void> {
  await api("/api/auth/sign-out", { body: {} });
  queryClient.clear();
  queryClient.setQueryData(meQueryKey, null);
}
