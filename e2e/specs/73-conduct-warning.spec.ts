import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { call, magicLinkFor, origin, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN, signInAsAdmin } from "../support/data.ts";

/**
 * Staff protection (issue #20): a manager opens the review queue, reviews a customer whose
 * confirmed abuse crossed the threshold, issues a warning from the editable template, and the
 * customer receives it (emailed through the outbox like any reply, and in their portal).
 *
 * The flags are written the way the assessment pipeline and an agent's "mark abusive" write
 * them (the verdict endpoint is another part's; its own spec covers it).
 */
async function confirmAbuse(rows: Array<{ caseId: string; customerId: string }>) {
  const dataDir = path.dirname(process.env.E2E_SERVER_LOG as string);
  const { pgPassword } = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8"));
  const db = new pg.Client({
    connectionString: `postgres://rapport:${encodeURIComponent(pgPassword)}@127.0.0.1:${process.env.E2E_PG_PORT}/rapport`,
  });
  await db.connect();
  try {
    for (const r of rows)
      await db.query(
        `insert into text_assessments (workspace_id, source, source_id, customer_id, case_id, outcome, signals, model,
                                       verdict, verdict_at)
         select m.workspace_id, 'message', m.id, $2, m.case_id, 'abusive',
                '[{"kind":"insult","detail":"insult aimed at the agent","text":"idiot"}]', 'e2e', 'abusive', now()
           from messages m where m.case_id = $1 and m.kind = 'customer'
         on conflict (workspace_id, source, source_id) do update set verdict = 'abusive', verdict_at = now()`,
        [r.caseId, r.customerId],
      );
  } finally {
    await db.end();
  }
}

test("a manager issues a warning from the review queue, and the customer receives it", async ({
  page,
  browser,
  playwright,
}) => {
  test.setTimeout(120_000);
  const api = await signedInApi(playwright);
  const id = unique();
  const name = `Rex Rude ${id}`;
  const email = `rex-${id}@example.com`;
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", { name, emails: [email] });
  const cases: Array<{ caseId: string; customerId: string }> = [];
  for (const n of [1, 2, 3]) {
    const c = await call<{ id: string }>(api, "post", "/api/v1/cases", {
      customerId: customer.id,
      subject: `Order ${n} ${id}`,
      message: `You are a useless idiot, fix my order ${n}`,
      channel: "email",
    });
    cases.push({ caseId: c.id, customerId: customer.id });
  }
  await confirmAbuse(cases);

  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Conduct" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Conduct" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText("0 open problems");
  await expectAccessible(page);

  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Conduct: ${name}` })).toBeVisible();
  await expect(page.getByText(/^Score 3\.00/)).toBeVisible();
  await expect(page.getByText("insult: insult aimed at the agent").first()).toBeVisible();
  await expectAccessible(page);

  // The template is prefilled and editable; the manager adds a sentence of their own.
  const notice = page.getByLabel("What the customer will read (an appeal link is added)");
  await expect(notice).toHaveValue(new RegExp(`^Dear ${name},`));
  await notice.fill(`${await notice.inputValue()}\n\nWe are glad your order is now on its way.`);
  await page.getByLabel("Why (for the record, not sent)").fill("Three insults to agents this week");
  await page.getByRole("button", { name: "Take this step and tell the customer" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Step taken; the customer has been told." }),
  ).toBeVisible();
  await expect(page.getByText("In force")).toBeVisible();
  await expectAccessible(page);

  // Emailed through the outbox like an agent's reply, on the case of the newest evidence.
  const conduct = (await (await api.get(`/api/v1/customers/${customer.id}/conduct`)).json()) as {
    steps: Array<{ kind: string; noticeCaseId: string }>;
  };
  expect(conduct.steps[0]?.kind).toBe("warning");
  const noticeCase = conduct.steps[0]?.noticeCaseId ?? "";
  const { subject } = (await (await api.get(`/api/v1/cases/${noticeCase}`)).json()) as { subject: string };
  const messages = (await (await api.get(`/api/v1/cases/${noticeCase}/messages`)).json()) as {
    items: Array<{ kind: string; body: string; email: { deliveryStatus: string } | null }>;
  };
  const warning = messages.items.find((m) => m.kind === "reply");
  expect(warning?.body).toContain("We are glad your order is now on its way.");
  expect(warning?.body).toMatch(/\/conduct\/appeal\/[A-Za-z0-9_-]+/);
  expect(warning?.email?.deliveryStatus).toBe("queued");

  // The customer reads it in their portal, with the appeal link.
  const context = await browser.newContext({ baseURL: origin() });
  const customerPage = await context.newPage();
  const ask = await playwright.request.newContext({
    baseURL: origin(),
    extraHTTPHeaders: { Origin: origin() },
  });
  expect(
    (await ask.post("/api/auth/sign-in/magic-link", { data: { email, callbackURL: "/portal" } })).ok(),
  ).toBe(true);
  await customerPage.goto(await magicLinkFor(email));
  await customerPage.waitForURL("**/portal");
  await customerPage.getByRole("link", { name: new RegExp(subject) }).click();
  const conversation = customerPage.getByRole("list", { name: "Conversation" });
  await expect(conversation).toContainText(`Dear ${name},`);
  await expect(conversation).toContainText("ask for it to be reviewed by a different manager");
  const link = /https?:\/\/\S+\/conduct\/appeal\/[A-Za-z0-9_-]+/.exec(warning?.body ?? "")?.[0] ?? "";
  await customerPage.goto(new URL(link).pathname);
  await expect(customerPage.getByRole("heading", { level: 1, name: "Appeal a decision" })).toBeVisible();
  await expectAccessible(customerPage);
  await context.close();
  await ask.dispose();
  await api.dispose();
});

test("while a restriction is in force, the case page tells whoever handles it, without the evidence", async ({
  page,
  playwright,
}) => {
  test.setTimeout(90_000);
  const api = await signedInApi(playwright);
  const id = unique();
  const name = `Rita Restricted ${id}`;
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", { name });
  const c = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `Calling again ${id}`,
    message: "Shut up, you moron",
    channel: "phone",
  });
  await confirmAbuse([{ caseId: c.id, customerId: customer.id }]);
  const conduct = (await (await api.get(`/api/v1/customers/${customer.id}/conduct`)).json()) as {
    flags: Array<{ id: string }>;
  };
  const members = (await (await api.get("/api/v1/members?limit=100")).json()) as {
    items: Array<{ id: string; name: string }>;
  };
  const ada = members.items.find((m) => m.name === ADMIN.name)?.id;
  await call(api, "post", `/api/v1/customers/${customer.id}/conduct/steps`, {
    kind: "restricted",
    reason: "Insults on the phone",
    evidence: conduct.flags.map((f) => f.id),
    expiresInDays: 30,
    restrictions: { channels: ["email"], agentMembershipId: ada },
  });
  await signInAsAdmin(page);
  await page.goto(`/app/cases/${c.id}`);
  const banner = page.getByRole("note").filter({ hasText: "Contact restricted" });
  await expect(banner).toContainText(`Contact restricted: email only, through ${ADMIN.name}, until`);
  await expect(banner).not.toContainText("Insults on the phone");
  await expectAccessible(page);
  await api.dispose();
});
