import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Secrets that a fresh install needs but a newcomer should not have to invent:
 * the embedded database password and the session-signing secret. They are made once
 * and kept in DATA_DIR/secrets.json (mode 600) so restarts keep sessions valid.
 * AUTH_SECRET in the environment always wins over the stored one.
 */
export type LocalSecrets = { pgPassword: string; authSecret: string };

export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  fs.mkdirSync(dataDir, { recursive: true });
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LocalSecrets>;
    if (stored.pgPassword && stored.authSecret) return stored as LocalSecrets;
  }
  const secrets: LocalSecrets = {
    pgPassword: randomBytes(24).toString("base64url"),
    authSecret: randomBytes(32).toString("base64url"),
  };
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
