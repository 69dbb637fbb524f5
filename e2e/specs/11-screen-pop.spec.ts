import { expect, test } from "@playwright/test";
import { call, signedInApi, unique, uniquePhone, waitForLive } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

test("a phone call pops the caller's record on the agent's screen", async ({ page, playwright, request }) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const name = `Maria Gonzalez ${id}`;
  const phone = uniquePhone();
  const customer = await call<{ id: string }>(api, "post", "/api/v1/customers", {
    name,
    emails: [],
    phones: [phone],
    accounts: [],
  });
  await call(api, "post", `/api/v1/customers/${customer.id}/facts`, { key: "plan", value: "Unlimited 500" });
  await call(api, "post", `/api/v1/customers/${customer.id}/devices`, {
    model: "Soundwave Beam",
    serial: `B-${id}`,
  });
  const { token } = await call<{ token: string }>(api, "post", "/api/v1/tokens", { name: `Telephony ${id}` });

  await signInAsAdmin(page);
  await waitForLive(page);

  // The telephony system reports the call with the number formatted its own way.
  const digits = phone.replace(/\D/g, "").slice(1);
  const res = await request.post("/api/v1/calls", {
    headers: { Authorization: `Bearer ${token}` },
    data: { from: `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`, to: "100" },
  });
  expect(res.status(), await res.text()).toBe(201);

  const pop = page.getByRole("dialog", { name: `Incoming call from ${name}` });
  await expect(pop).toBeVisible();
  await expect(pop).toContainText("Unlimited 500");
  await expect(pop).toContainText("Soundwave Beam");
  await expectAccessible(page);

  await pop.getByRole("button", { name: "Open customer" }).click();
  await expect(page).toHaveURL(new RegExp(`/app/customers/${customer.id}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  // The call itself is on the customer's timeline.
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(/call from/);
  await expectAccessible(page);
  await api.dispose();
});
