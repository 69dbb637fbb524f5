import { expect, test } from "@playwright/test";
import { call, magicLinkFor, origin, unique, waitForLive } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

test("a customer's reply appears on the agent's open case without reloading", async ({
  page,
  playwright,
}) => {
  const id = unique();
  const email = `live-${id}@example.test`;

  // The customer signs in with an email link and opens a request.
  const customer = await playwright.request.newContext({
    baseURL: origin(),
    extraHTTPHeaders: { Origin: origin() },
  });
  const asked = await customer.post("/api/auth/sign-in/magic-link", {
    data: { email, callbackURL: "/portal" },
  });
  expect(asked.ok(), await asked.text()).toBe(true);
  await customer.get(await magicLinkFor(email));
  const opened = await call<{ id: string; customer: { name: string } }>(customer, "post", "/api/v1/cases", {
    subject: `Beam drops out ${id}`,
    message: "The Beam drops out every 20 minutes.",
  });

  // The agent has the case open.
  await signInAsAdmin(page);
  await waitForLive(page);
  await page.goto(`/app/cases/${opened.id}`);
  await expect(page.getByRole("heading", { level: 1, name: `Beam drops out ${id}` })).toBeVisible();
  await waitForLive(page);
  await expect(page.getByRole("log")).toContainText("every 20 minutes");
  await expectAccessible(page);

  // The customer replies; no reload on the agent's side.
  await call(customer, "post", `/api/v1/cases/${opened.id}/messages`, {
    body: "It just happened again at 9 pm.",
  });
  await expect(page.getByRole("log")).toContainText("It just happened again at 9 pm.");
  await expect(page.getByRole("article", { name: `Customer: ${opened.customer.name}` }).last()).toContainText(
    "9 pm",
  );

  await customer.dispose();
});
