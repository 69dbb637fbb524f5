import fs from "node:fs";
import { type APIRequestContext, expect, request as newRequest, type Page, test } from "@playwright/test";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN } from "../support/data.ts";
import { serverLogFile } from "../support/state.ts";

/** The newest magic link the server logged for this email (no outbound mail in tests). */
async function magicLinkFor(email: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const lines = fs.readFileSync(serverLogFile(), "utf8").split("\n").filter(Boolean).reverse();
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as { msg?: string; email?: string; url?: string };
        if (entry.msg === "magic link" && entry.email === email && entry.url) return entry.url;
      } catch {
        // not a JSON line (e.g. a native PostgreSQL message)
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no magic link for ${email}`);
}

/** An admin API session, the way an agent's browser or an integration would call the API. */
async function staffApi(baseURL: string): Promise<APIRequestContext> {
  const api = await newRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const res = await api.post("/api/auth/sign-in/email", {
    data: { email: ADMIN.email, password: ADMIN.password },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  return api;
}

/** Resolves once the page's realtime socket says hello, so live events cannot be missed. */
function realtimeReady(page: Page): Promise<void> {
  return new Promise((resolve) => {
    page.on("websocket", (ws) => {
      if (!ws.url().includes("/api/v1/realtime")) return;
      ws.on("framereceived", (frame) => {
        if (String(frame.payload).includes('"hello"')) resolve();
      });
    });
  });
}

test("a customer opens a request without retyping known details, sees an agent's answer live, and replies", async ({
  page,
  baseURL,
}) => {
  const staff = await staffApi(baseURL ?? "");
  const stamp = Date.now();
  const email = `rosa-${stamp}@example.test`;
  const serial = `ARC-${stamp}`;

  // The team already knows this customer: an address on file and a registered speaker.
  const created = await staff.post("/api/v1/customers", { data: { name: "Rosa Diaz", emails: [email] } });
  expect(created.status()).toBe(201);
  const customerId = ((await created.json()) as { id: string }).id;
  const fact = await staff.post(`/api/v1/customers/${customerId}/facts`, {
    data: { key: "address", value: "7 Elm Street, Springfield" },
  });
  expect(fact.status()).toBe(201);
  const device = await staff.post(`/api/v1/customers/${customerId}/devices`, {
    data: { model: "Soundwave Arc", serial, firmware: "14.2" },
  });
  expect(device.ok()).toBeTruthy();

  const live = realtimeReady(page);
  await page.goto("/portal/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Your sign-in link could not be emailed" }),
  ).toBeVisible();
  await page.goto(await magicLinkFor(email));
  await page.waitForURL("**/portal");
  await expect(page.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();
  await expectAccessible(page);

  // New request: what we know is shown, never asked for.
  await page.getByRole("link", { name: "New request" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New request" })).toBeVisible();
  const known = page.getByRole("region", { name: "We already have these details" });
  await expect(known).toContainText("No need to type them again");
  await expect(known).toContainText("7 Elm Street, Springfield");
  await expect(known).toContainText(serial);
  await expect(known).toContainText(email);
  await expectAccessible(page);

  const subject = `Arc has no sound ${stamp}`;
  await page.getByLabel("In a few words, what is it about?").fill(subject);
  await page.getByLabel("What's happening?").fill("The speaker turns on but plays nothing.");
  await page.getByRole("radio", { name: /Soundwave Arc/ }).check();
  await page.getByRole("button", { name: "Send request" }).click();

  await page.waitForURL(/\/portal\/requests\/[0-9a-f-]{36}$/);
  const caseId = page.url().split("/").pop() ?? "";
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  const conversation = page.getByRole("list", { name: "Conversation" });
  await expect(conversation).toContainText("The speaker turns on but plays nothing.");
  await expect(conversation).toContainText(`Device: Soundwave Arc (${serial})`);
  await expect(page.getByText("We're on it").first()).toBeVisible();
  await expectAccessible(page);

  // My requests lists it in plain words.
  await page.getByRole("link", { name: "Back to my requests" }).click();
  const row = page.getByRole("link", { name: new RegExp(subject) });
  await expect(row).toContainText("We're on it");
  await expectAccessible(page);
  await row.click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();

  // An agent answers through the API; the answer appears without a reload.
  await live;
  const reply = await staff.post(`/api/v1/cases/${caseId}/messages`, {
    data: { body: "Hi Rosa, please hold the power button for ten seconds.", kind: "reply" },
  });
  expect(reply.status()).toBe(201);
  await expect(conversation).toContainText("please hold the power button for ten seconds");
  await expect(conversation).toContainText(ADMIN.name);
  // Internal notes never reach the customer.
  await staff.post(`/api/v1/cases/${caseId}/messages`, {
    data: { body: "Secret internal note", kind: "note" },
  });
  await expectAccessible(page);

  await page.getByLabel("Your message").fill("That worked, thank you!");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(conversation).toContainText("That worked, thank you!");
  await expect(page.getByText("Message sent")).toBeVisible();
  await expect(page.getByLabel("Your message")).toHaveValue("");
  await expect(conversation).not.toContainText("Secret internal note");
  await expectAccessible(page);
  await staff.dispose();
});
