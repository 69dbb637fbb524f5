/** The server log global setup captured; the server writes magic links there (no outbound mail). */
export function serverLogFile(): string {
  const file = process.env.E2E_SERVER_LOG;
  if (!file) throw new Error("E2E_SERVER_LOG is not set; run the specs through e2e/playwright.config.ts");
  return file;
}
