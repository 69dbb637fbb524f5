import { expect, test } from "@playwright/test";
import { call, signedInApi, unique } from "../support/agent.ts";
import { clickLauncher, configureWidget, startHostSite, widgetFrame } from "../support/widget.ts";

const plainPage = (widgetTag: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><main><h1>Shop</h1></main>${widgetTag}</body></html>`;

test("an article is suggested while the visitor types, and 'This solved it' is a deflection with no case", async ({
  page,
  playwright,
}) => {
  const id = unique();
  const admin = await signedInApi(playwright);
  // Every session gets suggestions here (the holdout would hide them from 5% at random).
  const res = await admin.put("/api/v1/help/settings", { data: { holdoutPercent: 0 } });
  expect(res.ok(), await res.text()).toBe(true);
  const title = `Soundwave light blinks orange ${id}`;
  const article = await call<{ id: string }>(admin, "post", "/api/v1/help/articles", {
    state: "published",
    visibility: "public",
    title,
    body: "An orange blinking light means the speaker lost Wi-Fi. Hold the Wi-Fi button for five seconds to rejoin.",
  });
  const before = (await (await admin.get("/api/v1/help/analytics")).json()) as {
    deflections: { recorded: number };
    articles: Array<{ id: string; deflections: number }>;
  };

  const key = await configureWidget(admin, { enabled: true, allowedOrigins: [], prechatForm: false });
  // A proactive message the host app triggers itself (Rapport.track), for the end of the visit.
  await call(admin, "post", "/api/v1/chat/proactive", {
    name: `Checkout help ${id}`,
    body: `Stuck at checkout? We can help ${id}`,
    trigger: "event",
    eventName: `checkout_failed_${id}`,
  });
  const site = await startHostSite(plainPage, key);
  await page.goto(site.url);
  await clickLauncher(page);
  const frame = await widgetFrame(page);

  // Before any case: the visitor types, and the help center answers in the widget.
  await frame
    .getByRole("textbox", { name: "Message" })
    .pressSequentially(`my soundwave light blinks orange, order ${id}`);
  const suggestions = frame.getByRole("region", { name: "These might answer your question" });
  const link = suggestions.getByRole("link", { name: new RegExp(title) });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute("href", /\/help\/articles\//);

  // Reading it opens a new tab; back in the widget, the visitor says it solved the problem.
  const [articleTab] = await Promise.all([page.context().waitForEvent("page"), link.click()]);
  await articleTab.close();
  await frame.getByRole("button", { name: "This solved it" }).click();
  await expect(frame.getByRole("log")).toContainText("Glad that helped");
  await expect(suggestions).toBeHidden();

  // Counted for the article in the help center's report, and no case was made.
  await expect
    .poll(async () => {
      const after = (await (await admin.get("/api/v1/help/analytics")).json()) as typeof before;
      return {
        recorded: after.deflections.recorded - before.deflections.recorded,
        article: after.articles.find((a) => a.id === article.id)?.deflections ?? 0,
      };
    })
    .toEqual({ recorded: 1, article: 1 });
  const cases = (await (await admin.get(`/api/v1/cases?q=${encodeURIComponent(`order ${id}`)}`)).json()) as {
    items: unknown[];
  };
  expect(cases.items).toEqual([]);

  // The host app reports an event: its proactive message joins the chat (and, closed, a bubble).
  await page.evaluate(
    (event) => (window as unknown as { Rapport: { track: (e: string) => void } }).Rapport.track(event),
    `checkout_failed_${id}`,
  );
  await expect(frame.getByRole("log")).toContainText(`Stuck at checkout? We can help ${id}`);

  await site.close();
  await admin.dispose();
});
