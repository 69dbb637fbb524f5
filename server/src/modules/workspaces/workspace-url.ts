import type { AppContext } from "../../platform/context.ts";
import { findWorkspaceHost } from "./workspaces.repo.ts";

/**
 * Where a workspace's people open Rapport: its own host name on PUBLIC_URL's scheme and port
 * (so a local http install keeps http and its port), or PUBLIC_URL itself when the workspace
 * claims no host. Links in mail are built from this, never from a request's Host header,
 * which a stranger could set to send people elsewhere.
 */
export function urlForHost(publicUrl: string, host: string | null | undefined): string {
  if (!host) return publicUrl;
  const url = new URL(publicUrl);
  url.hostname = host;
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

export async function workspaceUrl(ctx: Pick<AppContext, "db" | "config">, workspaceId: string) {
  return urlForHost(ctx.config.publicUrl, await findWorkspaceHost(ctx.db, workspaceId));
}
