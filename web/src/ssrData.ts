import type { PublicWorkspace } from "../../contracts/accounts.ts";

/**
 * What the server render hands to the browser so hydration starts from the same data.
 * `page` is a server-loaded page's data (the help center's), read through `ssrPageQueryKey`.
 */
export type SsrData = { workspace: PublicWorkspace; locale: string; page?: unknown };

export const ssrPageQueryKey = ["ssr-page"] as const;

export const SSR_DATA_ID = "rapport-ssr-data";

/**
 * A non-executing JSON script; "<" is escaped so data can never close the tag. It carries the
 * response's nonce anyway, so every <script> Rapport writes is visibly its own.
 */
export function ssrDataScript(data: SsrData, nonce: string): string {
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return `<script id="${SSR_DATA_ID}" type="application/json" nonce="${nonce}">${json}</script>`;
}
