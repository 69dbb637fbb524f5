import { expect, type Page, test } from "@playwright/test";
import { unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { type Rapport, type Sink, startRapport, startSink, waitForMail } from "../support/email.ts";

// Replies must go out by mail, which the shared server must not send (see startRapport), so this
// journey runs its own Rapport wired to an SMTP sink and sets up its own workspace and case.
const ADMIN = {
  workspaceName: "Composer Co",
  name: "Mary Shelley",
  email: "mary@composer.test",
  password: "frankenstein-1818",
};

let sink: Sink;
let rapport: Rapport;
let caseId: string;
const id = unique();
const subject = `Sound cuts out ${id}`;
const customer = `ines-${id}@example.test`;
const partner = `installer-${id}@example.test`;

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(150_000);
  sink = await startSink();
  rapport = await startRapport({ SMTP_URL: `smtp://127.0.0.1:${sink.port}` });
  const api = await playwright.request.newContext({
    baseURL: rapport.baseURL,
    extraHTTPHeaders: { Origin: rapport.baseURL },
  });
  expect((await api.post("/api/v1/setup", { data: ADMIN })).status()).toBe(201);
  const signedIn = await api.post("/api/auth/sign-in/email", {
    data: { email: ADMIN.email, password: ADMIN.password },
  });
  expect(signedIn.status()).toBe(200);
  const person = await api.post("/api/v1/customers", { data: { name: "Ines Ortega", emails: [customer] } });
  const opened = await api.post("/api/v1/cases", {
    data: { customerId: (await person.json()).id, subject, message: "The sound cuts out every evening." },
  });
  expect(opened.status()).toBe(201);
  caseId = (await opened.json()).id;
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

test("an agent writes a markdown reply with CC, previews it, finds the draft after a reload and sends it", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`${rapport.baseURL}/app/cases/${caseId}`);
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();

  const composer = page.getByRole("form", { name: "Write a reply or an internal note" });
  const cc = composer.getByLabel("CC", { exact: true });
  await cc.fill(partner);
  await cc.press("Enter");
  await composer
    .getByRole("textbox", { name: "Reply to the customer" })
    .fill("Please update to **12.5** first.\n\n- unplug it\n- wait [a minute](https://example.com/help)");

  // The preview shows the markdown rendered.
  await composer.getByRole("tab", { name: "Preview" }).click();
  const preview = composer.getByRole("tabpanel", { name: "Preview" });
  await expect(preview.locator("strong")).toHaveText("12.5");
  await expect(preview.getByRole("listitem")).toHaveCount(2);
  await expect(preview.getByRole("link", { name: "a minute" })).toHaveAttribute(
    "href",
    "https://example.com/help",
  );
  await expectAccessible(page);

  // A reload keeps the draft and its CC.
  await page.reload();
  const body = composer.getByRole("textbox", { name: "Reply to the customer" });
  await expect(body).toHaveValue(/Please update to \*\*12\.5\*\* first\./);
  await expect(composer.getByText(partner)).toBeVisible();

  // "a reply with CC reaches both addresses", with an HTML part rendered from the markdown.
  await composer.getByRole("button", { name: "Send reply" }).click();
  const reply = page.getByRole("article", { name: `Reply: ${ADMIN.name}` });
  await expect(reply.locator("strong")).toHaveText("12.5");
  const sent = await waitForMail(sink, (m) => m.text?.includes("Please update to **12.5**") ?? false);
  expect([...sent.envelopeTo].sort()).toEqual([customer, partner].sort());
  expect(String(sent.mail.html)).toContain("<strong>12.5</strong>");

  // The draft is gone once sent; the CC is remembered on the case for the next reply.
  await page.reload();
  await expect(composer.getByRole("textbox", { name: "Reply to the customer" })).toHaveValue("");
  await expect(composer.getByText(partner)).toBeVisible();
  await expectAccessible(page);
});
