import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import {
  call,
  magicLinkFor,
  origin,
  signedInApi,
  unique,
  uniquePhone,
  waitForLive,
} from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

/** Nothing on the page is wider than the phone: no sideways scrolling, nothing cut off. */
async function expectNoHorizontalOverflow(page: Page, width: number) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(width);
}

async function newCustomer(api: APIRequestContext, body: Record<string, unknown>) {
  return call<{ id: string; name: string }>(api, "post", "/api/v1/customers", {
    emails: [],
    phones: [],
    accounts: [],
    ...body,
  });
}

test("the screen pop shows the caller's number as people write it, and an unknown caller plainly", async ({
  page,
  playwright,
  request,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const phone = uniquePhone(); // +1 415 7dd dddd: the workspace's own region (US)
  const name = `Grace Hopper ${id}`;
  await newCustomer(api, { name, phones: [phone] });
  const { token } = await call<{ token: string }>(api, "post", "/api/v1/tokens", { name: `PBX ${id}` });
  await signInAsAdmin(page);
  await waitForLive(page);

  const e164 = `+${phone.replace(/\D/g, "")}`;
  const national = `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
  const ring = async (from: string) => {
    const res = await request.post("/api/v1/calls", {
      headers: { Authorization: `Bearer ${token}` },
      data: { from, to: "100" },
    });
    expect(res.status(), await res.text()).toBe(201);
  };

  await ring(e164);
  const pop = page.getByRole("dialog", { name: `Incoming call from ${name}` });
  await expect(pop).toBeVisible();
  await expect(pop).toContainText(national);
  await expect(pop).not.toContainText(e164);
  await pop.getByRole("button", { name: "Close" }).click();

  // A number from elsewhere reads internationally; the unknown caller is not named after it.
  const uk = `+441614960${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
  await ring(uk);
  const stranger = page.getByRole("dialog", { name: "Incoming call from Unknown caller" });
  await expect(stranger).toBeVisible();
  await expect(stranger).toContainText(`+44 161 496 0${uk.slice(-3)}`);
  await expectAccessible(page);
  await api.dispose();
});

test("facts read as names and words, not codes and keys", async ({ page, playwright }) => {
  const api = await signedInApi(playwright);
  const customer = await newCustomer(api, { name: `Aiko Tanaka ${unique()}` });
  await call(api, "post", `/api/v1/customers/${customer.id}/facts`, { key: "language", value: "ja" });
  await call(api, "post", `/api/v1/customers/${customer.id}/facts`, {
    key: "custom.rental",
    value: { device: "NetHub AX3000", since: "2026-09-01" },
  });
  const other = await newCustomer(api, { name: `Den Whitaker ${unique()}` });
  await call(api, "post", `/api/v1/customers/${other.id}/facts`, { key: "language", value: "en-GB" });

  await signInAsAdmin(page);
  await page.goto(`/app/customers/${customer.id}`);
  const main = page.getByRole("main");
  await expect(main.getByText("Japanese", { exact: true }).first()).toBeVisible();
  // PostgreSQL keeps a JSON object's shorter keys first, so "since" comes before "device".
  await expect(main.getByText("Since: Sep 1, 2026 · Device: NetHub AX3000").first()).toBeVisible();
  await expect(main).not.toContainText("device: NetHub");
  await page.goto(`/app/customers/${other.id}`);
  await expect(page.getByRole("main").getByText("English (UK)", { exact: true }).first()).toBeVisible();
  await api.dispose();
});

test("on a 390 px phone the portal names the customer and nothing is cut off; the agent header fits too", async ({
  browser,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const email = `maria.${id}@example.com`;
  const customer = await newCustomer(api, { name: `Maria Gonzalez ${id}`, emails: [email] });
  const request = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `Beam drops out ${id}`,
    message: "The Beam loses sound every 20 minutes or so.",
  });

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await phone.newPage();
  const link = await page.request.post("/api/auth/sign-in/magic-link", {
    data: { email, callbackURL: "/portal" },
    headers: { Origin: origin() },
  });
  expect(link.ok(), await link.text()).toBe(true);
  await page.goto(await magicLinkFor(email));
  await page.waitForURL("**/portal");
  // The login was named "maria.…" after the address; the header knows the customer's name.
  await expect(page.getByRole("button", { name: `Account menu for Maria Gonzalez ${id}` })).toBeVisible();
  await expectNoHorizontalOverflow(page, 390);

  await page.goto(`/portal/requests/${request.id}`);
  const diagnostics = page.getByRole("button", { name: "Send diagnostics from your app or device" });
  await expect(diagnostics).toBeVisible();
  const box = await diagnostics.boundingBox();
  expect(box && box.x + box.width, "the button ends on screen").toBeLessThanOrEqual(390);
  // The whole label is shown, not cut off with an ellipsis.
  const clipped = await diagnostics.evaluate((el) =>
    [el, ...el.querySelectorAll("*")].some((e) => e.scrollWidth > e.clientWidth + 1),
  );
  expect(clipped, "the label is cut off").toBe(false);
  await expectNoHorizontalOverflow(page, 390);
  await phone.close();

  const agentPhone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const agentPage = await agentPhone.newPage();
  await signInAsAdmin(agentPage);
  await expect(agentPage.getByRole("button", { name: /Account menu for/ })).toBeInViewport();
  await expectNoHorizontalOverflow(agentPage, 390);
  await agentPhone.close();
  await api.dispose();
});

test("a case with more than 100 messages shows them all with Load more", async ({ page, playwright }) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const customer = await newCustomer(api, { name: `Long Thread ${id}` });
  const c = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `A long conversation ${id}`,
    message: "Message 1",
  });
  for (let n = 2; n <= 105; n++)
    await call(api, "post", `/api/v1/cases/${c.id}/messages`, { body: `Message ${n}`, kind: "note" });

  await signInAsAdmin(page);
  await page.goto(`/app/cases/${c.id}`);
  const log = page.getByRole("log", { name: /conversation/i });
  await expect(log.getByText("Message 100", { exact: true })).toBeVisible();
  await expect(log.getByText("Message 105", { exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(log.getByText("Message 105", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  await expectAccessible(page);
  await api.dispose();
});
