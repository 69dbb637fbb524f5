import { expect, type Route, test } from "@playwright/test";
import { call, magicLinkFor, origin, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible, expectAccessibleInBothSchemes } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";
import { freePort } from "../support/email.ts";

// The key pages, each in the light and the dark colour scheme: contrast that passes in one
// scheme can fail in the other, so both are checked. One test per page keeps each within the
// time limit (axe takes a few seconds a run on a busy machine).
const id = unique();
const serial = `AX-${id}`.toUpperCase();
let customer: { id: string; name: string };
let kase: { id: string };
let device: { id: string };

test.beforeAll(async ({ playwright }) => {
  const api = await signedInApi(playwright);
  customer = await call(api, "post", "/api/v1/customers", {
    name: `Ines Axe ${id}`,
    emails: [`ines-${id}@example.test`],
  });
  kase = await call(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `Sound cuts out ${id}`,
    message: "The sound cuts out every few minutes.",
  });
  device = await call(api, "post", `/api/v1/customers/${customer.id}/devices`, {
    model: "Soundwave Beam",
    serial,
  });
  // Two snapshots: the case timeline links the serial, the device page shows a rise and a fall.
  for (const [signal, errors] of [
    [-70, 4],
    [-58, 1],
  ]) {
    await call(api, "post", "/api/v1/diagnostics", {
      customerId: customer.id,
      deviceSerial: serial,
      caseId: kase.id,
      source: "agent",
      data: { wifi: { signal_dbm: signal }, errors },
    });
  }
  // A mailbox that cannot be reached, so Settings → Email shows an error in red.
  const address = await call<{ id: string }>(api, "post", "/api/v1/email/addresses", {
    address: `axe-${id}@example.test`,
  });
  const res = await api.put(`/api/v1/email/addresses/${address.id}/imap`, {
    data: { host: "127.0.0.1", port: await freePort(), secure: false, user: "nobody", password: "x" },
  });
  expect(res.ok(), await res.text()).toBe(true);
  await api.post(`/api/v1/email/addresses/${address.id}/poll`, { data: {} });
  await api.dispose();
});

test("inbox", async ({ page }) => {
  await signInAsAdmin(page);
  await expectAccessibleInBothSchemes(page, async () => {
    await page.goto("/app/inbox");
    await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
    await expect(page.getByText(`Sound cuts out ${id}`).first()).toBeVisible();
  });
});

test("case page, whose timeline links a device serial inside a sentence", async ({ page }) => {
  await signInAsAdmin(page);
  await expectAccessibleInBothSchemes(page, async () => {
    await page.goto(`/app/cases/${kase.id}`);
    const panel = page.getByRole("complementary", { name: `Customer ${customer.name}` });
    // The customer panel loads after the case; a busy machine can take a while.
    await expect(panel.getByRole("link", { name: serial }).first()).toBeVisible({ timeout: 30_000 });
  });
});

test("customer page", async ({ page }) => {
  await signInAsAdmin(page);
  await expectAccessibleInBothSchemes(page, async () => {
    await page.goto(`/app/customers/${customer.id}`);
    await expect(page.getByRole("heading", { level: 1, name: customer.name })).toBeVisible();
  });
});

test("device page, with a value that rose and one that fell", async ({ page }) => {
  await signInAsAdmin(page);
  await expectAccessibleInBothSchemes(page, async () => {
    await page.goto(`/app/devices/${device.id}?customer=${customer.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Device Soundwave Beam" })).toBeVisible();
    await expect(page.locator('[data-direction="down"]').first()).toBeVisible();
  });
});

test("the spinner a page shows while it loads is announced as a status", async ({ page }) => {
  await signInAsAdmin(page);
  let release: () => void = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  const history = `**/api/v1/devices/${device.id}/diagnostics?*`;
  await page.route(history, async (route: Route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/app/devices/${device.id}?customer=${customer.id}`);
  await expect(page.getByRole("status", { name: /Loading/ }).first()).toBeVisible();
  await expectAccessible(page);
  release();
  await page.unrouteAll({ behavior: "ignoreErrors" });
});

test("Settings → Email showing a mailbox error", async ({ page }) => {
  await signInAsAdmin(page);
  await expectAccessibleInBothSchemes(page, async () => {
    await page.goto("/app/settings/email");
    await expect(page.getByRole("heading", { level: 1, name: "Email" })).toBeVisible();
    const row = page.getByRole("row", { name: new RegExp(`axe-${id}@example.test`) });
    await expect(row.getByText(/Last check failed/)).toBeVisible();
  });
});

test("portal home of a signed-in customer", async ({ page, playwright }) => {
  const email = `portal-axe-${id}@example.test`;
  const anonymous = await playwright.request.newContext({
    baseURL: origin(),
    extraHTTPHeaders: { Origin: origin() },
  });
  await call(anonymous, "post", "/api/auth/sign-in/magic-link", { email, callbackURL: "/portal" });
  await anonymous.dispose();
  await page.goto(await magicLinkFor(email));
  await page.waitForURL("**/portal");
  await expectAccessibleInBothSchemes(page, async () => {
    await page.goto("/portal");
    await expect(page.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();
  });
});
