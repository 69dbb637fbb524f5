import { expect, test } from "@playwright/test";
import { call, signedInApi, unique, uniquePhone, waitForLive } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

const shots = `${import.meta.dirname}/../../.tmp/shots`;

test("a caller whose device matches an open problem pops with the known issue and its workaround first", async ({
  page,
  playwright,
  request,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const model = `Beam ${id}`;
  const problem = await call<{ id: string; number: number }>(api, "post", "/api/v1/problems", {
    title: `Beam loses HDMI audio ${id}`,
    affectedProducts: [{ model, firmware: ">= 11 < 12.2" }],
  });
  await call(api, "patch", `/api/v1/problems/${problem.id}`, {
    status: "workaround_available",
    publicTitle: "Some soundbars lose TV sound",
    publicWorkaround: "Switch the TV's audio output to **PCM**.",
  });
  const name = `Jonas Weber ${id}`;
  const phone = uniquePhone();
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name,
    emails: [],
    phones: [phone],
    accounts: [],
  });
  const serial = `BM-${id}`.toUpperCase();
  await call(api, "post", `/api/v1/customers/${customer.id}/devices`, { model, serial, firmware: "12.1" });
  const { token } = await call<{ token: string }>(api, "post", "/api/v1/tokens", { name: `Telephony ${id}` });

  await signInAsAdmin(page);
  await waitForLive(page);
  const res = await request.post("/api/v1/calls", {
    headers: { Authorization: `Bearer ${token}` },
    data: { from: phone, to: "100" },
  });
  expect(res.status(), await res.text()).toBe(201);

  const pop = page.getByRole("dialog", { name: `Incoming call from ${name}` });
  await expect(pop).toBeVisible();
  const known = pop.getByRole("region", { name: "Known issues" });
  await expect(known).toContainText(`Known issue: P-${problem.number}`);
  await expect(known).toContainText(`Matches ${model} · serial ${serial} · firmware 12.1`);
  await expect(known).toContainText("workaround available");
  await expect(known.locator("strong")).toHaveText("PCM");
  await page.screenshot({ path: `${shots}/screen-pop.png` });
  await expectAccessible(page);

  // One click to the problem.
  await known.getByRole("link", { name: new RegExp(`Known issue: P-${problem.number}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/app/problems/${problem.id}$`));
  await expect(pop).toBeHidden();

  // The header search finds problems by P-number too.
  await page.goto("/app/inbox");
  const search = page.getByRole("searchbox", { name: "Search customers and cases" });
  await search.fill(`P-${problem.number}`);
  const hit = page.getByRole("option", { name: new RegExp(`P-${problem.number} Beam loses HDMI audio`) });
  await expect(hit).toBeVisible();
  await expect(hit).toContainText("workaround available");
  await hit.click();
  await expect(page).toHaveURL(new RegExp(`/app/problems/${problem.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Beam loses HDMI audio ${id}` })).toBeVisible();
  await expectAccessible(page);
  await api.dispose();
});
