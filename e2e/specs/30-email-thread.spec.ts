import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { type Rapport, type Sink, sendMail, startRapport, startSink, waitForMail } from "../support/email.ts";

// This journey needs outgoing mail, which the shared server must not have (see startRapport),
// so it runs its own Rapport wired to an SMTP sink. Both start once for the file.
const ADMIN = {
  workspaceName: "Mailroom",
  name: "Grace Hopper",
  email: "grace@mailroom.test",
  password: "cobol-and-nanoseconds",
};

let sink: Sink;
let rapport: Rapport;

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(150_000);
  sink = await startSink();
  rapport = await startRapport({ SMTP_URL: `smtp://127.0.0.1:${sink.port}` });
  const api = await playwright.request.newContext({
    baseURL: rapport.baseURL,
    extraHTTPHeaders: { Origin: rapport.baseURL },
  });
  const res = await api.post("/api/v1/setup", { data: ADMIN });
  expect(res.status(), await res.text()).toBe(201);
  await api.dispose();
});

test.afterAll(async () => {
  await rapport?.stop();
  await sink?.close();
});

async function signIn(page: Page) {
  await page.goto(`${rapport.baseURL}/login`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/app/inbox");
}

test("a customer's email becomes a case, the reply goes out threaded and the answer joins the case", async ({
  page,
}) => {
  const id = unique();
  const name = `Lena Fischer ${id}`;
  const address = `lena-${id}@example.test`;
  const subject = `Router keeps rebooting ${id}`;
  const firstId = `<first-${id}@example.test>`;

  // The customer writes in, with the old thread quoted below and a tracking image.
  await sendMail(rapport.smtpPort, {
    from: `${name} <${address}>`,
    to: "support@localhost",
    subject,
    messageId: firstId,
    text: `My router reboots every hour.\n\nOn Mon, 2 Mar 2026, Shop <shop@example.test> wrote:\n> Thanks for your order`,
    html: `<p>My router reboots <b>every hour</b>.</p><p><img src="https://tracker.example.test/open.png" alt="tracking pixel" width="1" height="1"></p><div>On Mon, 2 Mar 2026, Shop &lt;shop@example.test&gt; wrote:</div><blockquote>Thanks for your order</blockquote>`,
  });

  // It becomes a case in the inbox; the agent opens it.
  await signIn(page);
  const row = page.getByRole("row", { name: new RegExp(subject) });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText(name);
  await expectAccessible(page);
  await row.getByRole("link", { name: new RegExp(subject) }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page.getByRole("banner").getByText("Live", { exact: true })).toBeVisible();

  // The email shows who sent it; the quoted history is folded but kept; the pixel is blocked.
  const first = page.getByRole("article", { name: `Customer: ${name}` });
  await expect(first).toContainText(`by email from ${address}`);
  await expect(first).toContainText("every hour");
  await expect(first.getByText("Thanks for your order")).toBeHidden();
  await expect(first).toContainText("1 remote image blocked");
  await expect(first.locator("img[alt='tracking pixel']")).not.toHaveAttribute("src", /.+/);
  await expect(first.getByRole("link", { name: "View original" })).toHaveAttribute("href", /\/raw$/);
  await first.getByRole("button", { name: "Show quoted text" }).click();
  await expect(first.getByText("Thanks for your order")).toBeVisible();
  await expectAccessible(page);

  // The agent replies in the workspace; the reply leaves through the relay, threaded.
  await page.getByRole("textbox", { name: "Reply to the customer" }).fill("Please try a new power adapter.");
  await page.getByRole("button", { name: "Send reply" }).click();
  const reply = page.getByRole("article", { name: `Reply: ${ADMIN.name}` });
  await expect(reply).toContainText("new power adapter");
  const sent = await waitForMail(sink, (m) => m.text?.includes("new power adapter") ?? false);
  expect(sent.envelopeTo).toEqual([address]);
  expect(sent.mail.inReplyTo).toBe(firstId);
  expect([sent.mail.references ?? []].flat()).toContain(firstId);
  const replyTo = sent.mail.replyTo?.value[0]?.address ?? "";
  expect(replyTo).toMatch(/^support\+[^@\s]+@localhost$/);
  expect(sent.mail.subject).toMatch(new RegExp(`^Re: ${subject} \\[#\\d+\\]$`));
  const replyMessageId = sent.mail.messageId ?? "";
  expect(replyMessageId).not.toBe("");

  // The delivery status follows live: the badge turns to Sent without a reload.
  await expect(reply.getByText("Sent", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page);

  // The customer answers the reply from their mail client; it lands in the same, open case.
  await sendMail(rapport.smtpPort, {
    from: `${name} <${address}>`,
    to: replyTo,
    subject: sent.mail.subject ?? `Re: ${subject}`,
    inReplyTo: replyMessageId,
    references: [firstId, replyMessageId],
    text: `A new adapter fixed it, thank you!\n\n> Please try a new power adapter.`,
  });
  const answers = page.getByRole("article", { name: `Customer: ${name}` });
  await expect(answers).toHaveCount(2, { timeout: 20_000 });
  await expect(answers.nth(1)).toContainText("A new adapter fixed it");
  await expect(answers.nth(1)).not.toContainText("Not the case's customer");
  await expectAccessible(page);
});

// Outlook quotes without a <blockquote>: its header block (divRplyFwdMsg) and the old mail below
// it are folded all the same, and the signature logo shows from its inline attachment.
test("an Outlook reply threads into its case and shows only the new text until asked", async ({ page }) => {
  const fixtures = path.resolve(import.meta.dirname, "../../server/test/fixtures/email");
  for (const file of ["outlook-new.eml", "outlook-reply.eml"]) {
    await sendMail(rapport.smtpPort, {
      envelope: { from: "jan.kowalski@contoso.example", to: ["support@localhost"] },
      raw: fs.readFileSync(path.join(fixtures, file)),
    });
  }
  await signIn(page);
  const row = page.getByRole("row", { name: /Subwoofer will not pair with the Arc/ });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await row.getByRole("link", { name: /Subwoofer will not pair/ }).click();
  const reply = page.getByRole("article", { name: "Customer: Kowalski, Jan" }).last();
  await expect(reply).toContainText("holding the button for five seconds did it");
  await expect(reply.getByText("Hold the pair button on the back")).toBeHidden();
  await expect(reply.locator("img[alt='Contoso logo']")).toHaveAttribute("src", /^\/api\/v1\/attachments\//);
  await page.screenshot({ path: "test-results/30-outlook-folded.png", fullPage: true });
  await reply.getByRole("button", { name: "Show quoted text" }).click();
  await expect(reply.getByText("Hold the pair button on the back")).toBeVisible();
  await expectAccessible(page);
});
