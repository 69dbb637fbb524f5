import fs from "node:fs";
import { rotateSealedSecrets } from "../platform/rotate-secrets.ts";
import { withDatabase } from "./database.ts";

/**
 * `secrets rotate --old-secret-file <path>` (or OLD_AUTH_SECRET): re-seals every stored secret
 * under the current AUTH_SECRET. Run it with the new AUTH_SECRET set, before the servers start
 * on it; see README "Rotating AUTH_SECRET".
 */
export async function rotateSecretsCommand(opts: { "old-secret-file"?: string | undefined }): Promise<void> {
  const file = opts["old-secret-file"];
  const old = file ? readSecretFile(file) : process.env.OLD_AUTH_SECRET?.trim();
  if (!old)
    throw new Error(
      "--old-secret-file (or OLD_AUTH_SECRET) is required: the secret the values were sealed with",
    );
  if (old.length < 32)
    throw new Error("--old-secret-file holds fewer than 32 characters: not an AUTH_SECRET");
  const report = await withDatabase((ctx) => rotateSealedSecrets(ctx.db, old, ctx.secret));
  for (const c of report.columns)
    console.log(`${c.what}: ${c.resealed} re-sealed, ${c.alreadyCurrent} already under the current secret`);
  if (report.recoveryCodesToRemake > 0)
    console.log(
      `${report.recoveryCodesToRemake} people use two-factor sign-in: their recovery codes no longer work; each makes new ones under Profile → Two-factor.`,
    );
  console.log("Done. Restart every Rapport process with the new AUTH_SECRET (everyone signs in again).");
}

function readSecretFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (err) {
    throw new Error(`--old-secret-file ${file} could not be read: ${(err as Error).message}`);
  }
}
