import { symmetricDecrypt, symmetricEncrypt } from "better-auth/crypto";
import { sql } from "kysely";
import type { Db } from "./db/pool.ts";
import { inTransaction } from "./db/tx.ts";
import { seal, unseal } from "./sealed.ts";
import { SEALED_COLUMNS } from "./sealed-columns.ts";

export type RotationReport = {
  columns: Array<{ what: string; resealed: number; alreadyCurrent: number }>;
  /** People whose recovery codes stopped working: they make new ones (Profile → Two-factor). */
  recoveryCodesToRemake: number;
};

/**
 * Re-seals every stored secret under `to` (the new AUTH_SECRET) that was sealed under `from`,
 * in one transaction: either all of them move or none does. Values already sealed under `to`
 * are left alone, so a second run (or a run interrupted before its commit) is harmless. A value
 * that opens under neither key stops the rotation, naming its table and column, rather than
 * leaving a secret nobody can read.
 *
 * Also moves the TOTP keys of two-factor sign-in, which Better Auth encrypts with the same
 * secret. Recovery codes cannot move (only keyed hashes of them are stored), so the report
 * counts the people who must make new ones.
 */
export async function rotateSealedSecrets(db: Db, from: string, to: string): Promise<RotationReport> {
  if (from === to) throw new Error("the old and the new secret are the same");
  return inTransaction(db, async (tx) => {
    const columns: RotationReport["columns"] = [];
    for (const c of SEALED_COLUMNS) {
      const value = c.jsonKey ? sql`${sql.ref(c.column)} ->> ${c.jsonKey}` : sql.ref(c.column);
      const { rows } = await sql<{ row: string; value: string }>`
        select ctid::text as row, ${value} as value from ${sql.table(c.table)}
         where ${value} is not null and ${value} <> '' for update`.execute(tx);
      let resealed = 0;
      let current = 0;
      for (const r of rows) {
        if (opens(to, c.purpose, r.value)) {
          current++;
          continue;
        }
        if (!opens(from, c.purpose, r.value))
          throw new Error(
            `${c.table}.${c.column}${c.jsonKey ? `.${c.jsonKey}` : ""} holds a value sealed under neither key`,
          );
        const next = seal(to, c.purpose, unseal(from, c.purpose, r.value));
        const set = c.jsonKey
          ? sql`${sql.ref(c.column)} = jsonb_set(${sql.ref(c.column)}, ${`{${c.jsonKey}}`}::text[], to_jsonb(${next}::text))`
          : sql`${sql.ref(c.column)} = ${next}`;
        await sql`update ${sql.table(c.table)} set ${set} where ctid = ${r.row}::tid`.execute(tx);
        resealed++;
      }
      columns.push({
        what: `${c.table}.${c.column}${c.jsonKey ? `.${c.jsonKey}` : ""}`,
        resealed,
        alreadyCurrent: current,
      });
    }
    const totp = await sql<{ id: string; secret: string }>`
      select id, secret from auth."twoFactor" for update`.execute(tx);
    let moved = 0;
    let current = 0;
    for (const r of totp.rows) {
      if (await decrypts(to, r.secret)) {
        current++;
        continue;
      }
      const plain = await decrypts(from, r.secret);
      if (plain === null)
        throw new Error(`a two-factor key (auth.twoFactor ${r.id}) opens under neither secret`);
      const next = await symmetricEncrypt({ key: to, data: plain });
      await sql`update auth."twoFactor" set secret = ${next} where id = ${r.id}`.execute(tx);
      moved++;
    }
    columns.push({ what: "auth.twoFactor.secret (TOTP keys)", resealed: moved, alreadyCurrent: current });
    // Only hashes keyed with the old secret are stored: these people need new recovery codes.
    return { columns, recoveryCodesToRemake: moved };
  });
}

function opens(secret: string, purpose: string, value: string): boolean {
  try {
    unseal(secret, purpose, value);
    return true;
  } catch {
    return false;
  }
}

async function decrypts(secret: string, value: string): Promise<string | null> {
  try {
    const plain = await symmetricDecrypt({ key: secret, data: value });
    return typeof plain === "string" && plain !== "" ? plain : null;
  } catch {
    return null;
  }
}
