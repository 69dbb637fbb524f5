import { expect, test } from "@playwright/test";
import { call, origin, signedInApi, unique } from "../support/agent.ts";
import { ADMIN } from "../support/data.ts";

/**
 * One install, two brands: the operator creates brand B on its own host name, and B's admin,
 * on that host, sees B's name and data and none of the first workspace's. Chromium resolves
 * every *.localhost name to loopback, so B's host reaches the same e2e server.
 */
test("a second workspace on another host name sees none of the first's data", async ({
  page,
  playwright,
}) => {
  const id = unique();
  // This spec may run alone: first-run setup answers 409 when an earlier journey did it.
  const setup = await playwright.request.newContext({
    baseURL: origin(),
    extraHTTPHeaders: { Origin: origin() },
  });
  await setup.post("/api/v1/setup", { data: ADMIN });
  const operator = await signedInApi(playwright);
  const theirs = await call<{ id: string }>(operator, "post", "/api/v1/customers", {
    name: `Quincy Firstbrand ${id}`,
    emails: [`quincy-${id}@example.test`],
  });
  const theirCase = await call<{ id: string }>(operator, "post", "/api/v1/cases", {
    customerId: theirs.id,
    subject: `First brand only ${id}`,
    message: "This belongs to the first workspace.",
  });

  const host = `brand-b-${id}.localhost`;
  const bAdmin = { email: `admin-${id}@brand-b.test`, password: "brand-b-password-1" };
  const created = await call<{ id: string; url: string }>(operator, "post", "/api/v1/workspaces", {
    name: `Brand B ${id}`,
    host,
    admin: bAdmin,
  });
  const bOrigin = new URL(origin());
  bOrigin.hostname = host;
  expect(created.url).toBe(bOrigin.origin);

  // B's own data, made by B's admin through the API on B's host (Node cannot resolve
  // *.localhost as Chromium does, so this client names B's host in the Host header).
  const bApi = await playwright.request.newContext({
    baseURL: origin(),
    extraHTTPHeaders: { Host: bOrigin.host, Origin: bOrigin.origin },
  });
  expect((await bApi.post("/api/auth/sign-in/email", { data: bAdmin })).status()).toBe(200);
  const ours = await call<{ id: string; name: string }>(bApi, "post", "/api/v1/customers", {
    name: `Bella Secondbrand ${id}`,
    emails: [`bella-${id}@example.test`],
  });

  // The public page on B's host is brand B's.
  await page.goto(`${bOrigin.origin}/`);
  await expect(page.getByRole("heading", { level: 1, name: `Brand B ${id}` })).toBeVisible();

  await page.goto(`${bOrigin.origin}/login`);
  await page.getByLabel("Email").fill(bAdmin.email);
  await page.getByLabel(/^Password/).fill(bAdmin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${bOrigin.origin}/app/inbox`);

  await page.getByRole("link", { name: "Customers", exact: true }).click();
  await expect(page.getByRole("link", { name: ours.name })).toBeVisible();
  await expect(page.getByRole("link", { name: `Quincy Firstbrand ${id}` })).toHaveCount(0);

  const search = page.getByRole("searchbox", { name: "Search customers and cases" });
  await search.fill(`Secondbrand ${id}`);
  await expect(page.getByRole("option", { name: new RegExp(ours.name) })).toBeVisible();
  // Without the run's id: the search box forgives typos, and B's own customer, whose name
  // carries the same id, would be offered as a near match. A's customer and case never are.
  await search.fill("Quincy Firstbrand");
  await expect(page.getByText("No matches")).toBeVisible();
  await search.fill("First brand only");
  await expect(page.getByText("No matches")).toBeVisible();

  // The first workspace's case, by its address, is not there for B.
  await page.goto(`${bOrigin.origin}/app/cases/${theirCase.id}`);
  await expect(page.getByText("This case does not exist or you cannot see it.")).toBeVisible();

  // B's admin is no operator: the install's workspaces stay hidden.
  expect((await bApi.get("/api/v1/workspaces")).status()).toBe(403);
});
