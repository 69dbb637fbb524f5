import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";

/**
 * Which acts the audit log records, read from the code that records them: every `audit(…)`
 * call's action name in server/src. The issue's list of security-relevant acts must each have
 * at least one; a refactor that drops one fails here. (Behaviour is tested by each module's
 * own tests, which read audit_log after the act.)
 */
const SRC = path.resolve(import.meta.dirname, "../..");

function auditedActions(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (p.endsWith(".ts") && !p.endsWith(".test.ts")) {
        const text = fs.readFileSync(p, "utf8");
        if (!/\baudit\(/.test(text)) continue;
        for (const m of text.matchAll(
          /action:\s*(?:[^"\n]*\?\s*)?"([a-z0-9_.]+)"(?:\s*:\s*"([a-z0-9_.]+)")?/g,
        )) {
          if (m[1]) found.add(m[1]);
          if (m[2]) found.add(m[2]);
        }
      }
    }
  };
  walk(SRC);
  return found;
}

const REQUIRED: Record<string, string[]> = {
  "sign-ins and failures": ["auth.signed_in", "auth.sign_in_failed"],
  "role changes": ["member.updated"],
  "token creation and revocation": ["api_token.created", "api_token.revoked"],
  exports: [
    "audit.exported",
    "report.exported",
    "escalation.exported",
    "customer.export_requested",
    "customer.export_downloaded",
  ],
  "secrets and streaming": ["audit_stream.created", "audit_stream.updated", "audit_stream.removed"],
  // 2FA changes are recorded through security/two-factor.service.ts's record(), which this scan does not read.
  "sign-in rules": ["sso.configured", "security.policy_changed"],
  "erasure and retention": ["customer.erased", "retention.run"],
  deletions: ["team.deleted", "webhook.deleted", "article.deleted", "action.deleted"],
  settings: ["workspace.updated", "mail_settings.updated", "conduct.settings_changed"],
  "actions and approvals": ["action.created", "approval.requested", "approval.approved", "approval.refused"],
  "conduct steps": ["conduct.step_taken", "conduct.step_lifted"],
  imports: ["import.started", "import.cancelled"],
};

test("every act the issue lists as security-relevant is recorded somewhere in the code", () => {
  const actions = auditedActions();
  assert.ok(actions.size > 50, `found only ${actions.size} audited actions: the scan is broken`);
  const missing = Object.entries(REQUIRED).flatMap(([what, names]) =>
    names.filter((n) => !actions.has(n)).map((n) => `${what}: ${n}`),
  );
  assert.deepEqual(missing, []);
});
