import { expect, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";

/** The router playbook an author drafted (via the API); the journey fixes, publishes and runs it. */
function definition(id: string) {
  return {
    name: `Error 1013 ${id}`,
    summary: "When the app shows error 1013",
    topics: [`err${id}`],
    start: "lights",
    steps: [
      {
        id: "lights",
        kind: "question",
        title: "Is the light on the router green?",
        choices: [
          { label: "Yes, green", next: "check" },
          { label: "No, red or off", next: "restart" },
        ],
      },
      {
        id: "restart",
        kind: "instruction",
        title: "Unplug the router for 30 seconds, then plug it back in",
        body: "Wait until the light stops blinking.",
        next: "check",
      },
      {
        id: "check",
        kind: "check",
        title: "Send a diagnostic from the app",
        branches: [
          { when: "error_code = 1013", next: "engineering" },
          { when: "wifi.signal_dbm < -70", next: "move" },
        ],
        otherwise: "fixed",
      },
      { id: "move", kind: "outcome", title: "Move the router closer to the speakers", outcome: "resolved" },
      { id: "fixed", kind: "outcome", title: "Working again", outcome: "resolved" },
      { id: "engineering", kind: "outcome", title: "Hand over to engineering", outcome: "escalate" },
    ],
  };
}

test("an agent publishes a playbook and runs it in a case; a diagnostic check branches on the snapshot", async ({
  page,
  playwright,
}) => {
  const api = await signedInApi(playwright);
  const id = unique();
  const playbook = await call<{ id: string }>(api, "post", "/api/v1/playbooks", {
    slug: `router-${id}`,
    definition: definition(id),
  });
  const customer = await call<{ id: string; name: string }>(api, "post", "/api/v1/customers", {
    name: `Ben Okafor ${id}`,
    emails: [`ben-${id}@example.test`],
  });
  const kase = await call<{ id: string }>(api, "post", "/api/v1/cases", {
    customerId: customer.id,
    subject: `Error 1013 in the app ${id}`,
    message: "The app says error 1013 and the speakers are silent.",
  });

  // Authoring: the form shows a broken condition inline, naming the step; fixed, it publishes.
  await signInAsAdmin(page);
  await page.goto("/app/playbooks");
  await page.getByRole("link", { name: `Error 1013 ${id}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Error 1013 ${id}` })).toBeVisible();
  const condition = page.getByRole("textbox", { name: "Condition 2" });
  // An untouched form shows no errors; a broken condition is named next to its field at once.
  await expect(page.getByText("Fill this in.")).toHaveCount(0);
  await condition.fill("wifi.signal_dbm << -70");
  await expect(page.getByText('Step "check": condition "wifi.signal_dbm << -70"').first()).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("problems")).toContainText(
    'Step "check": condition "wifi.signal_dbm << -70"',
  );
  await expect(page.getByText("Version 1 published")).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/playbook-editor.png", fullPage: true });
  await condition.fill("wifi.signal_dbm < -70");
  await expect(page.getByTestId("problems")).toHaveCount(0);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Version 1 published")).toBeVisible();

  // Preview walks the draft without recording anything.
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("dialog", { name: `Preview: Error 1013 ${id}` });
  await preview.getByRole("button", { name: "Yes, green" }).click();
  await preview.getByLabel("Sample snapshot JSON").fill('{"error_code": 0, "wifi": {"signal_dbm": -80}}');
  await preview.getByRole("button", { name: "Evaluate" }).click();
  await expect(
    preview.getByRole("heading", { name: "Move the router closer to the speakers" }),
  ).toBeVisible();
  await expectAccessible(page);
  await preview.getByRole("button", { name: "Close" }).click();

  // The run, with the customer on the phone.
  await page.goto(`/app/cases/${kase.id}`);
  const panel = page.getByRole("region", { name: "Playbooks" });
  await expect(panel.getByText("No playbook runs on this case yet.")).toBeVisible();
  await panel.getByRole("combobox", { name: "Playbook to run" }).click();
  await page.getByRole("option", { name: `Error 1013 ${id}` }).click();
  await panel.getByRole("button", { name: "Start" }).click();
  const run = panel.getByTestId("playbook-run");
  await expect(run.getByRole("heading", { name: "Is the light on the router green?" })).toBeVisible();
  await run.getByRole("button", { name: "No, red or off" }).click();
  await expect(run.getByText("Wait until the light stops blinking.")).toBeVisible();
  await run.getByRole("button", { name: "Done, next step" }).click();
  await expect(run.getByRole("heading", { name: "Send a diagnostic from the app" })).toBeVisible();
  await expect(run.getByText("Waiting for a snapshot")).toBeVisible();
  await expectAccessible(page);

  // The agent reads a code out; the customer's app sends its snapshot with it.
  await run.getByRole("button", { name: "Get diagnostic code" }).click();
  const code = (await run.getByTestId("diagnostic-code").textContent()) ?? "";
  const sent = await api.post(`/api/v1/diagnostics/by-code/${code}`, {
    data: { source: "app", data: { error_code: 0, wifi: { signal_dbm: -78 }, firmware: "2.4.0" } },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  await expect(run.getByRole("radio", { name: /Snapshot from app/ })).toBeChecked();
  await run.getByRole("button", { name: "Use this snapshot" }).click();

  // The check took the weak-signal branch to a resolved outcome.
  await expect(run.getByText("Resolved: Move the router closer to the speakers")).toBeVisible();
  await expect(run.getByRole("list", { name: "Steps so far" })).toContainText("wifi.signal_dbm < -70");
  await expect(panel.getByTestId("playbook-run-row").getByText("Resolved")).toBeVisible();

  // Every step is on the case timeline, in order.
  const timeline = page.getByRole("complementary", { name: `Customer ${customer.name}` });
  await expect(timeline.getByText(`started playbook “Error 1013 ${id}” (v1)`)).toBeVisible();
  await expect(
    timeline.getByText("answered “Is the light on the router green?”: No, red or off"),
  ).toBeVisible();
  await expect(
    timeline.getByText("answered “Send a diagnostic from the app”: wifi.signal_dbm < -70"),
  ).toBeVisible();
  await expect(
    timeline.getByText("playbook outcome: resolved — Move the router closer to the speakers"),
  ).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/playbook-case.png", fullPage: true });

  // A second call: this time the snapshot shows error 1013 and the run ends in "escalate";
  // one click opens the escalation with the run as its summary.
  await panel.getByRole("combobox", { name: "Playbook to run" }).click();
  await page.getByRole("option", { name: `Error 1013 ${id}` }).click();
  await panel.getByRole("button", { name: "Start" }).click();
  const second = panel.getByTestId("playbook-run");
  await second.getByRole("button", { name: "Yes, green" }).click();
  await second.getByRole("button", { name: "Get diagnostic code" }).click();
  const code2 = (await second.getByTestId("diagnostic-code").textContent()) ?? "";
  const sent2 = await api.post(`/api/v1/diagnostics/by-code/${code2}`, {
    data: { source: "app", data: { error_code: 1013, wifi: { signal_dbm: -50 } } },
  });
  expect(sent2.status(), await sent2.text()).toBe(201);
  await second.getByRole("button", { name: "Use this snapshot" }).click();
  await second.getByRole("button", { name: "Escalate to engineering with this run" }).click();
  const dialog = page.getByRole("dialog", { name: /Escalate case #\d+ to engineering/ });
  await expect(dialog.getByRole("textbox").first()).toHaveValue(
    new RegExp(`Playbook “Error 1013 ${id}” \\(version 1\\) ended in escalate`),
  );
  await dialog
    .getByPlaceholder("What do you need engineering to answer?")
    .fill("Why 1013 with a good signal?");
  await dialog.getByRole("button", { name: "Escalate", exact: true }).click();
  await expect(page.getByRole("region", { name: "Engineering" })).toContainText(
    "Why 1013 with a good signal?",
  );
  // Escalated once: the run now links to its escalation, and a reload keeps it that way.
  await expect(second.getByText("Escalated to engineering with this run.")).toBeVisible();
  await expect(second.getByRole("button", { name: "Escalate to engineering with this run" })).toHaveCount(0);
  await page.reload();
  await panel
    .getByTestId("playbook-run-row")
    .filter({ hasText: "Escalate to engineering" })
    .getByRole("button", { name: "Show steps" })
    .click();
  await expect(panel.getByRole("link", { name: "View the escalation" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Escalate to engineering with this run" })).toHaveCount(0);

  // The playbook page counts both runs.
  await page.goto(`/app/playbooks/${playbook.id}`);
  const analytics = page.getByTestId("analytics");
  await expect(analytics).toContainText("Runs2");
  await expect(analytics).toContainText("Resolved50 %");
  await expect(analytics).toContainText("Escalated50 %");
  await expectAccessible(page);
  await api.dispose();
});
