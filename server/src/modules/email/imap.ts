import { ImapFlow } from "imapflow";
import type { AppContext } from "../../platform/context.ts";
import { unseal } from "../../platform/sealed.ts";
import { storeInbound } from "./ingest.ts";

type Ctx = Pick<AppContext, "db" | "boss" | "log" | "secret">;
export const IMAP_SEAL = "imap-password";

/**
 * Polls the IMAP mailbox configured on a support address: unseen messages in its mailbox (INBOX unless set) are stored
 * through the same durable intake as SMTP (so a message also delivered by SMTP is recognised by
 * its Message-ID and kept once), and only then flagged \Seen. A crash between the two leaves
 * them unseen, to be fetched again and recognised as duplicates.
 */
export type PollResult = { fetched: number; stored: number; error: string | null };

export async function pollMailbox(ctx: Ctx, addressId: string): Promise<PollResult> {
  const a = await ctx.db
    .selectFrom("support_addresses")
    .select([
      "id",
      "workspace_id as workspaceId",
      "address",
      "imap_host as host",
      "imap_port as port",
      "imap_secure as secure",
      "imap_user as user",
      "imap_password_enc as password",
      "imap_mailbox as mailbox",
    ])
    .where("id", "=", addressId)
    .executeTakeFirst();
  if (!a?.host || !a.user || !a.password) return { fetched: 0, stored: 0, error: "No mailbox is set up" };
  const client = new ImapFlow({
    host: a.host,
    port: a.port ?? (a.secure ? 993 : 143),
    secure: a.secure,
    auth: { user: a.user, pass: unseal(ctx.secret, IMAP_SEAL, a.password) },
    logger: false,
    connectionTimeout: 15_000,
  });
  let fetched = 0;
  let stored = 0;
  let error: string | null = null;
  try {
    await client.connect();
    const lock = await client.getMailboxLock(a.mailbox);
    try {
      const messages: Array<{ uid: number; source: Buffer }> = [];
      // Collect first: imapflow must not run other commands while a FETCH is streaming.
      for await (const m of client.fetch({ seen: false }, { uid: true, source: true })) {
        if (m.source) messages.push({ uid: m.uid, source: m.source });
      }
      const done: number[] = [];
      for (const m of messages) {
        fetched++;
        const result = await storeInbound(ctx.db, ctx.boss, {
          workspaceId: a.workspaceId,
          via: "imap",
          envelopeFrom: null,
          envelopeTo: [a.address],
          raw: m.source,
        });
        if (!result.duplicate) stored++;
        done.push(m.uid);
      }
      if (done.length > 0) await client.messageFlagsAdd(done.join(","), ["\\Seen"], { uid: true });
    } finally {
      lock.release();
    }
    await client.logout();
    await ctx.db
      .updateTable("support_addresses")
      .set({
        imap_last_polled_at: new Date(),
        imap_last_error: null,
        imap_last_fetched: fetched,
        imap_last_stored: stored,
      })
      .where("id", "=", a.id)
      .execute();
  } catch (err) {
    client.close();
    const message = (err as Error).message.slice(0, 500);
    error = message;
    ctx.log.warn({ address: a.address, err: message }, "IMAP poll failed");
    await ctx.db
      .updateTable("support_addresses")
      .set({
        imap_last_polled_at: new Date(),
        imap_last_error: message,
        imap_last_fetched: fetched,
        imap_last_stored: stored,
      })
      .where("id", "=", a.id)
      .execute();
  }
  return { fetched, stored, error };
}

/** The scheduled `email.poll` job: every configured, enabled mailbox, one after another. */
export async function pollAllMailboxes(ctx: Ctx): Promise<void> {
  const rows = await ctx.db
    .selectFrom("support_addresses")
    .select("id")
    .where("imap_host", "is not", null)
    .where("imap_enabled", "=", true)
    .execute();
  for (const r of rows) await pollMailbox(ctx, r.id);
}
