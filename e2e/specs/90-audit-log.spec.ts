import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { origin } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN, signInAsAdmin } from "../support/data.ts";

/**
 * The audit log (issue #23): the admin opens Settings → Audit log, sees their own sign-in and a
 * settings change, narrows the list with the filters, opens a record, verifies the chain and
 * downloads the filtered log as CSV. The settings change writes the workspace's current name
 * back, so nothing later specs rely on changes. Then the admin streams the log to a collector
 * started by the spec, and removes the stream again.
 */
test("the admin finds a sign-in and a settings change in the audit log and downloads it as CSV", async ({
  page,
}) => {
  await signInAsAdmin(page);
  const current = await page.request.get("/api/v1/workspace");
  expect(current.ok()).toBe(true);
  const { name } = await current.json();
  const patched = await page.request.patch("/api/v1/workspace", {
    data: { name },
    headers: { origin: origin() },
  });
  expect(patched.ok()).toBe(true);

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const rows = page.getByRole("row");
  await expect(
    rows.filter({ hasText: "auth.signed_in" }).filter({ hasText: ADMIN.email }).first(),
  ).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Action", { exact: false }).first().fill("workspace.updated");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows.filter({ hasText: "auth.signed_in" })).toHaveCount(0);
  const change = rows.filter({ hasText: "workspace.updated" }).first();
  await expect(change).toContainText(ADMIN.email);

  await change.getByRole("button").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`"name": "${name}"`);
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The chain is intact" })).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-.*\.csv$/);
  const csv = fs.readFileSync((await download.path()) as string, "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe(
    "seq,at,actor_id,actor_email,action,subject_type,subject_id,subject_email,data,request_id,hash",
  );
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((l) => l.includes('"workspace.updated"'))).toBe(true);
});

test("the admin streams the audit log to a collector, which gets the records in chain order", async ({
  page,
}) => {
  // A log collector on loopback (the e2e server allows private destinations).
  const lines: Array<{ seq: number; action: string }> = [];
  const collector = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      for (const l of body.split("\n").filter(Boolean)) lines.push(JSON.parse(l));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/logs`;
  try {
    await signInAsAdmin(page);
    await page.goto("/app/settings/audit");
    const card = page.getByRole("region", { name: "Streaming to a SIEM" });
    await card.getByRole("textbox", { name: "Endpoint URL" }).fill(url);
    await card.getByRole("checkbox", { name: "Also send the records written before today" }).check();
    await card.getByRole("button", { name: "Save stream" }).click();
    await expect(card.getByText(/^audsec_/)).toBeVisible();
    await expectAccessible(page);
    await card.getByRole("button", { name: "Send now" }).click();
    await expect(
      card.getByRole("status").filter({ hasText: /Delivered up to record #\d+ of #\d+/ }),
    ).toBeVisible();
    await expect.poll(() => lines.some((l) => l.action === "audit_stream.created")).toBe(true);
    const seqs = lines.map((l) => l.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  } finally {
    // Later specs must not stream to a collector that is gone.
    await page.request.delete("/api/v1/audit/stream", { headers: { origin: origin() } });
    await new Promise((resolve) => collector.close(resolve));
  }
});
