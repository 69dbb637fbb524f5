import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { sendRaw } from "../../../test/mail.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { insertMessage } from "../cases/messages.repo.ts";
import { processInbound } from "./process.ts";

/**
 * Replies that overtake their root: mail arrives by SMTP as usual, but this server runs no
 * job workers (role "web"), so the test decides the order in which stored mail is processed,
 * and can process several messages at once, as parallel chunks and workers do.
 */
let server: TestServer;
let admin: TestClient;
let workspaceId: string;
let smtpPort: number;
before(async () => {
  server = await startTestServer({ role: "web" });
  ({ admin, workspaceId } = await setUpWorkspace(server));
  smtpPort = server.runtime.ctx.config.smtpPort;
});
after(async () => {
  await server.close();
});

const mail = (h: Record<string, string>, body: string) =>
  `${Object.entries({ From: "Maria Gonzalez <maria@example.com>", To: "support@localhost", ...h })
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n")}\r\n\r\n${body}\r\n`;

/** Delivers by SMTP and returns the stored inbound row's id (not yet processed). */
async function deliver(raw: string, messageId: string): Promise<string> {
  await sendRaw(smtpPort, raw);
  const row = await server.runtime.ctx.db
    .selectFrom("inbound_emails")
    .select("id")
    .where("message_id", "=", messageId)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function casesAbout(word: string) {
  const all = (await admin.get("/api/v1/cases?status=all&limit=100")).body.items as Array<{
    id: string;
    subject: string;
  }>;
  return all.filter((c) => c.subject.includes(word));
}
const bodiesOf = async (caseId: string) =>
  ((await admin.get(`/api/v1/cases/${caseId}/messages?limit=100`)).body.items as Array<{ body: string }>).map(
    (m) => m.body,
  );

test("a reply processed before its root: the root joins the reply's case, first and with its subject", async () => {
  const reply = await deliver(
    mail(
      {
        Subject: "Re: Amplifier hums",
        "Message-ID": "<hum-2@example.com>",
        "In-Reply-To": "<hum-1@example.com>",
        References: "<hum-1@example.com>",
      },
      "Forgot to say: only on channel B.",
    ),
    "<hum-2@example.com>",
  );
  const root = await deliver(
    mail({ Subject: "Amplifier hums", "Message-ID": "<hum-1@example.com>" }, "My amplifier hums."),
    "<hum-1@example.com>",
  );
  await processInbound(server.runtime.ctx, reply);
  await processInbound(server.runtime.ctx, root);

  const cases = await casesAbout("Amplifier hums");
  assert.equal(cases.length, 1, "one case for the thread");
  const [c] = cases;
  assert.equal(c?.subject, "Amplifier hums", "the case takes the root's subject");
  assert.deepEqual(await bodiesOf(c?.id as string), [
    "My amplifier hums.",
    "Forgot to say: only on channel B.",
  ]);
});

test("several replies racing their root, processed at the same time, end in one case", async () => {
  const ids: string[] = [];
  ids.push(
    await deliver(
      mail({ Subject: "Speaker crackles", "Message-ID": "<crackle-0@example.com>" }, "root"),
      "<crackle-0@example.com>",
    ),
  );
  for (let i = 1; i <= 5; i++) {
    ids.push(
      await deliver(
        mail(
          {
            Subject: "Re: Speaker crackles",
            "Message-ID": `<crackle-${i}@example.com>`,
            "In-Reply-To": "<crackle-0@example.com>",
            References: "<crackle-0@example.com>",
          },
          `follow-up ${i}`,
        ),
        `<crackle-${i}@example.com>`,
      ),
    );
  }
  // Replies first in the list, each in its own transaction, all at once.
  await Promise.all([...ids.slice(1), ids[0] as string].map((id) => processInbound(server.runtime.ctx, id)));

  const cases = await eventually(async () => {
    const found = await casesAbout("Speaker crackles");
    return found.length > 0 ? found : undefined;
  });
  assert.equal(cases.length, 1, `one case, not ${cases.length}`);
  const bodies = await bodiesOf(cases[0]?.id as string);
  assert.equal(bodies.length, 6);
  assert.equal(bodies[0], "root", "the root reads first");
  assert.equal(cases[0]?.subject, "Speaker crackles");
});

test("a reply written by a transaction that began before its root was placed still reads after the root", async () => {
  // The race behind a rare failure of the test above under load: a message was dated by its
  // transaction's start (now()), so a reply whose transaction began before the root was placed
  // first, and wrote after, was dated before the root. Held open here, it writes last.
  const { ctx } = server.runtime;
  const first = await deliver(
    mail(
      {
        Subject: "Re: Fan rattles",
        "Message-ID": "<rattle-2@example.com>",
        "In-Reply-To": "<rattle-1@example.com>",
        References: "<rattle-1@example.com>",
      },
      "first reply",
    ),
    "<rattle-2@example.com>",
  );
  const root = await deliver(
    mail({ Subject: "Fan rattles", "Message-ID": "<rattle-1@example.com>" }, "root"),
    "<rattle-1@example.com>",
  );
  let begun!: () => void;
  let release!: () => void;
  const started = new Promise<void>((resolve) => {
    begun = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const late = ctx.db.transaction().execute(async (tx) => {
    await sql`select now()`.execute(tx); // the transaction's clock starts here
    begun();
    await gate;
    const [kase] = await casesAbout("Fan rattles");
    await insertMessage(new TenantScope(tx, workspaceId), {
      caseId: kase?.id as string,
      kind: "customer",
      authorUserId: null,
      authorName: "Maria Gonzalez",
      body: "late reply",
      channel: "email",
      attachments: [],
      email: {
        messageId: "<rattle-3@example.com>",
        inReplyTo: "<rattle-1@example.com>",
        references: ["<rattle-1@example.com>"],
        html: null,
        fromAddress: "maria@example.com",
        flagged: null,
        inboundId: null,
      },
    });
  });
  await started;
  await new Promise((resolve) => setTimeout(resolve, 20));
  await processInbound(ctx, first);
  await processInbound(ctx, root);
  release();
  await late;
  const [kase] = await casesAbout("Fan rattles");
  assert.deepEqual(await bodiesOf(kase?.id as string), ["root", "first reply", "late reply"]);
});
