import { createHash } from "node:crypto";
import type PgBoss from "pg-boss";
import type { Db } from "../../platform/db/pool.ts";
import { enqueueInTx } from "../../platform/jobs/enqueue.ts";

/**
 * Stores one raw inbound message, durably, before anyone is told it was accepted.
 * The row (raw bytes + SHA-256) and its processing job commit together. The same Message-ID
 * (or, without one, the same bytes) arriving again — by SMTP, the API or IMAP — is recognised
 * and not stored or processed twice.
 */
export type Stored = { id: string; duplicate: boolean };

export async function storeInbound(
  db: Db,
  boss: PgBoss,
  input: {
    workspaceId: string;
    via: "smtp" | "api" | "imap";
    envelopeFrom: string | null;
    envelopeTo: string[];
    raw: Buffer;
  },
): Promise<Stored> {
  const sha256 = createHash("sha256").update(input.raw).digest("hex");
  const messageId = extractMessageId(input.raw);
  return db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto("inbound_emails")
      .values({
        workspace_id: input.workspaceId,
        received_via: input.via,
        envelope_from: input.envelopeFrom,
        envelope_to: input.envelopeTo,
        message_id: messageId,
        sha256,
        size: input.raw.length,
        raw: input.raw,
        kind: null,
        error: null,
        case_id: null,
        processed_at: null,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) {
      const existing = await tx
        .selectFrom("inbound_emails")
        .select("id")
        .where("workspace_id", "=", input.workspaceId)
        .where((eb) => (messageId ? eb("message_id", "=", messageId) : eb("sha256", "=", sha256)))
        .executeTakeFirstOrThrow();
      return { id: existing.id, duplicate: true };
    }
    await enqueueInTx(boss, tx, "email.process", { inboundId: inserted.id });
    const stale = input.envelopeTo.filter((a) => lastReceivedIsStale(input.workspaceId, a));
    if (stale.length > 0) {
      await tx
        .updateTable("support_addresses")
        .set({ last_received_at: new Date() })
        .where("workspace_id", "=", input.workspaceId)
        .where("address", "in", stale)
        .execute();
    }
    return { id: inserted.id, duplicate: false };
  });
}

// Every message would otherwise update (and lock until commit) the same support address row,
// queueing all intake behind it and costing a round trip; "last received" to the nearest few
// seconds is plenty for the admin view. Each process remembers when it last wrote it.
const lastWritten = new Map<string, number>();
function lastReceivedIsStale(workspaceId: string, address: string): boolean {
  const key = `${workspaceId} ${address}`;
  const now = Date.now();
  if (now - (lastWritten.get(key) ?? 0) < 5_000) return false;
  if (lastWritten.size > 10_000) lastWritten.clear();
  lastWritten.set(key, now);
  return true;
}

/** The Message-ID header, read from the header block without a full parse (it is hot here). */
export function extractMessageId(raw: Buffer): string | null {
  const headerEnd = raw.indexOf("\r\n\r\n");
  const altEnd = raw.indexOf("\n\n");
  const end = headerEnd >= 0 ? headerEnd : altEnd >= 0 ? altEnd : Math.min(raw.length, 65_536);
  const headers = raw
    .subarray(0, end)
    .toString("latin1")
    .replace(/\r?\n[ \t]+/g, " ");
  const match = /^message-id:\s*(<[^>\s]{1,500}>)/im.exec(headers);
  return match?.[1] ? match[1].toLowerCase() : null;
}
