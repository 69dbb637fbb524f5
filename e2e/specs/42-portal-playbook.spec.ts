import { expect, test } from "@playwright/test";
import { call, magicLinkFor, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";

function definition(topic: string) {
  return {
    name: "Fix error 1013 yourself",
    summary: "Five minutes, no tools needed.",
    topics: [topic],
    start: "lights",
    steps: [
      {
        id: "lights",
        kind: "question",
        title: "Is the light on your router green?",
        choices: [
          { label: "Yes, it is green", next: "check" },
          { label: "No, it is red or off", next: "restart" },
        ],
      },
      {
        id: "restart",
        kind: "instruction",
        title: "Unplug your router, count to 30, plug it back in",
        next: "check",
      },
      {
        id: "check",
        kind: "check",
        title: "Send us a diagnostic from the app",
        body: "Open the app, go to Settings → Send diagnostics and enter the code below.",
        branches: [{ when: "error_code = 1013", next: "engineering" }],
        otherwise: "fixed",
      },
      { id: "fixed", kind: "outcome", title: "All good again", outcome: "resolved" },
      {
        id: "engineering",
        kind: "outcome",
        title: "Our engineers need to look at this",
        outcome: "escalate",
      },
    ],
  };
}

test("a customer completes a help guide in the portal; an unresolved run opens a request carrying the run", async ({
  page,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const slug = `fix-1013-${id}`;
  const topic = `code${id}`;
  const pb = await call<{ id: string }>(api, "post", "/api/v1/playbooks", {
    slug,
    definition: definition(topic),
  });
  await call(api, "post", `/api/v1/playbooks/${pb.id}/publish`, {});
  const email = `lena-${id}@example.test`;
  await call(api, "post", "/api/v1/customers", { name: `Lena Park ${id}`, emails: [email] });

  await page.goto("/portal/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Your sign-in link could not be emailed" }),
  ).toBeVisible();
  await page.goto(await magicLinkFor(email));
  await page.waitForURL("**/portal");

  // A first run from the help link resolves: no request is opened.
  await page.goto(`/portal/help/${slug}`);
  await expect(page.getByRole("heading", { level: 1, name: "Fix error 1013 yourself" })).toBeVisible();
  await page.getByRole("button", { name: "Start" }).click();
  await page.getByRole("button", { name: "Yes, it is green" }).click();
  await page.getByRole("button", { name: "Get a code for your app" }).click();
  const code1 = (await page.getByTestId("diagnostic-code").textContent()) ?? "";
  const ok = await api.post(`/api/v1/diagnostics/by-code/${code1}`, {
    data: { source: "app", data: { error_code: 0 } },
  });
  expect(ok.status()).toBe(201);
  await expect(page.getByRole("radio", { name: /Snapshot from app/ })).toBeChecked();
  await page.getByRole("button", { name: "Use this snapshot" }).click();
  await expect(page.getByText("Great, the problem is solved!")).toBeVisible();
  await expect(page.getByText(/We opened request/)).toHaveCount(0);
  await expectAccessible(page);

  // Next time the new-request form suggests the guide from the subject.
  await page.goto("/portal/requests/new");
  await page.getByLabel("In a few words, what is it about?").fill(`App shows ${topic} again`);
  const suggestion = page.getByRole("link", { name: "Try “Fix error 1013 yourself”" });
  await expect(suggestion).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/playbook-suggestion.png" });
  await suggestion.click();

  await page.getByRole("button", { name: "Start" }).click();
  await page.getByRole("button", { name: "No, it is red or off" }).click();
  await page.getByRole("button", { name: "I did this" }).click();
  await expect(page.getByText("Open the app, go to Settings → Send diagnostics")).toBeVisible();
  // Spoken to the customer, and nothing from the first run is offered as "received".
  await expect(page.getByText("Waiting for the diagnostic from your app.")).toBeVisible();
  await expect(page.getByText("customer's device")).toHaveCount(0);
  await expect(page.getByRole("radio")).toHaveCount(0);
  await page.getByRole("button", { name: "Get a code for your app" }).click();
  // The code survives a reload while it is valid.
  const shown = (await page.getByTestId("diagnostic-code").textContent()) ?? "";
  await page.reload();
  await expect(page.getByTestId("diagnostic-code")).toHaveText(shown);
  const code2 = (await page.getByTestId("diagnostic-code").textContent()) ?? "";
  const bad = await api.post(`/api/v1/diagnostics/by-code/${code2}`, {
    data: { source: "app", data: { error_code: 1013 } },
  });
  expect(bad.status()).toBe(201);
  // Only the snapshot sent with this run's code is listed, and it is preselected.
  await expect(page.getByRole("radio").first()).toBeChecked();
  await expect(page.getByRole("radio")).toHaveCount(1);
  await page.getByRole("button", { name: "Use this snapshot" }).click();
  await expect(
    page.getByText(/We opened request #\d+ for you with every step you went through/),
  ).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/playbook-portal.png", fullPage: true });

  // The request carries the whole run.
  await page.getByRole("link", { name: "Go to your request" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Help guide “Fix error 1013 yourself” did not solve it" }),
  ).toBeVisible();
  const conversation = page.getByRole("list", { name: "Conversation" });
  await expect(conversation).toContainText("Is the light on your router green? — No, it is red or off");
  await expect(conversation).toContainText("Send us a diagnostic from the app — error_code = 1013");
  await expect(conversation).toContainText("Our engineers need to look at this → escalate");
  await expectAccessible(page);

  const caseId = page.url().split("/").pop() ?? "";
  const runs = await api.get(`/api/v1/cases/${caseId}/playbook-runs`);
  const body = (await runs.json()) as { items: Array<{ status: string; steps: unknown[] }> };
  expect(body.items).toHaveLength(1);
  expect(body.items[0]?.status).toBe("escalate");
  expect(body.items[0]?.steps).toHaveLength(4);

  // Later the customer sends more diagnostics for this request with a code from its page.
  await page.getByRole("button", { name: "Send diagnostics from your app or device" }).click();
  const code3 = (await page.getByTestId("diagnostic-code").textContent()) ?? "";
  await expect(page.getByText(/The code works once, until/)).toBeVisible();
  const later = await api.post(`/api/v1/diagnostics/by-code/${code3}`, {
    data: { source: "app", data: { error_code: 0, signal_dbm: -48 } },
  });
  expect(later.status()).toBe(201);
  const timeline = await api.get(`/api/v1/cases/${caseId}/timeline?limit=200`);
  const events = ((await timeline.json()) as { items: Array<{ kind: string }> }).items;
  expect(events.filter((e) => e.kind === "diagnostic.captured").length).toBeGreaterThanOrEqual(2);
  await expectAccessible(page);
  await api.dispose();
});
