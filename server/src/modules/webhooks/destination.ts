import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Keeps webhooks from being aimed at the network Rapport runs in (server-side request
 * forgery): an admin-supplied URL must not reach loopback, private, link-local (cloud
 * metadata at 169.254.169.254), unique-local or unspecified addresses unless the operator
 * allows it with WEBHOOK_ALLOW_PRIVATE. Checked when an endpoint is saved (for a clear 400)
 * and again before every delivery, because a name can resolve differently later.
 */
const internal = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  internal.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  internal.addSubnet(net, prefix, "ipv6");

export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is the IPv4 address in disguise.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return internal.check(mapped[1], "ipv4");
  return internal.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * Why the URL's host may not be used, or null when it may. A name that does not resolve now
 * is allowed at save time (it may exist later) and fails at delivery like any network error.
 */
export async function internalDestination(url: string): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return isInternalAddress(host) ? `${host} is an internal address` : null;
  if (host === "localhost" || host.endsWith(".localhost")) return `${host} is this machine`;
  const addresses = await lookup(host, { all: true }).catch(() => []);
  const blocked = addresses.find((a) => isInternalAddress(a.address));
  return blocked ? `${host} resolves to the internal address ${blocked.address}` : null;
}
