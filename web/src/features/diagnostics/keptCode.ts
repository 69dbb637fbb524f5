import type { z } from "zod";
import type { diagnosticCodeSchema } from "../../../../contracts/diagnostics.ts";

/**
 * A code issued for a playbook run, kept in this tab until it expires so a reload does not
 * lose it. The server cannot give it back: codes are stored only as SHA-256, like API tokens.
 */
type Code = z.infer<typeof diagnosticCodeSchema>;
const keyOf = (runId: string) => `rapport:diagnostic-code:${runId}`;

export function keptCode(runId: string | undefined): Code | null {
  if (!runId || typeof sessionStorage === "undefined") return null;
  try {
    const raw = sessionStorage.getItem(keyOf(runId));
    const code = raw ? (JSON.parse(raw) as Code) : null;
    if (code && Date.parse(code.expiresAt) > Date.now()) return code;
    sessionStorage.removeItem(keyOf(runId));
  } catch {
    // Storage disabled or a damaged entry: behave as if nothing was kept.
  }
  return null;
}

export function keepCode(runId: string | undefined, code: Code) {
  if (!runId || typeof sessionStorage === "undefined") return;
  try {
    sessionStorage.setItem(keyOf(runId), JSON.stringify(code));
  } catch {
    // Storage full or disabled: the code is still shown until the page is left.
  }
}
