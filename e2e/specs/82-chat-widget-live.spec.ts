import { expect, test } from "@playwright/test";
import { origin, signedInApi, unique, waitForLive } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { ADMIN, signInAsAdmin } from "../support/data.ts";
import { clickLauncher, configureWidget, startHostSite, widgetFrame } from "../support/widget.ts";

const shopPage = (widgetTag: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Speaker shop</title></head>
<body><main><h1>Soundwave One</h1><p>Our best speaker.</p></main>${widgetTag}</body></html>`;

/**
 * The widget on a plain page of another site (127.0.0.1, while Rapport is on localhost): a
 * visitor chats with an agent signed in in another browser, both ways live, each sees the
 * other typing, the visitor sees "Seen", a single-page app's navigation reaches the agent, and
 * the conversation survives a reload. Emoji from the composer's palette reach the agent. The
 * frame is axe-clean.
 */
test("a visitor on another site and an agent chat live, with typing, 'Seen' and a reload", async ({
  page,
  browser,
  playwright,
}) => {
  test.setTimeout(180_000);
  const id = unique();
  const admin = await signedInApi(playwright);
  const key = await configureWidget(admin, { enabled: true, allowedOrigins: [], prechatForm: true });
  const site = await startHostSite(shopPage, key);
  // Only that site may embed the chat from now on.
  await configureWidget(admin, { allowedOrigins: [site.origin] });

  // The agent is signed in (and so online) in a browser of their own.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signInAsAdmin(agent);
  await waitForLive(agent);

  // The visitor opens the chat with the keyboard-free way most people use: the button.
  await page.goto(site.url);
  await page.evaluate(() => {
    const w = window as unknown as {
      got: string[];
      Rapport: { on: (e: string, fn: (m: { body: string }) => void) => void };
    };
    w.got = [];
    const wait = setInterval(() => {
      if (!w.Rapport) return;
      clearInterval(wait);
      w.Rapport.on("message", (m) => w.got.push(m.body));
    }, 50);
  });
  await clickLauncher(page);
  const frame = await widgetFrame(page);
  await frame.getByRole("textbox", { name: "Your name" }).fill("Vera Visitor");
  await frame.getByRole("textbox", { name: /^Your email/ }).fill(`vera-${id}@example.test`);
  await frame.getByRole("textbox", { name: "What is it about?" }).fill(`Wi-Fi drops ${id}`);
  await frame.getByRole("textbox", { name: "Message" }).fill("My Soundwave One drops Wi-Fi every evening.");
  await frame.getByRole("button", { name: "Start chat" }).click();
  await expect(frame.getByRole("log")).toContainText("drops Wi-Fi every evening");

  // The chat is a case; the agent opens it.
  let caseId = "";
  await expect
    .poll(
      async () => {
        const res = await admin.get(`/api/v1/cases?q=${encodeURIComponent(id)}`);
        caseId = ((await res.json()) as { items: Array<{ id: string }> }).items[0]?.id ?? "";
        return caseId;
      },
      { timeout: 45_000 },
    )
    .not.toBe("");
  await agent.goto(`/app/cases/${caseId}`);
  await expect(agent.getByRole("heading", { level: 1, name: `Wi-Fi drops ${id}` })).toBeVisible();
  const panel = agent.getByRole("region", { name: "Live chat" });
  await expect(panel).toBeVisible();
  await waitForLive(agent);

  // The visitor types: the agent sees it.
  const message = frame.getByRole("textbox", { name: "Message" });
  await message.pressSequentially("Also the light blinks");
  await expect(panel.getByText("Vera Visitor is typing…")).toBeVisible();

  // The agent types and answers with a link: the visitor sees the typing, then the reply.
  const reply = agent.getByRole("textbox", { name: "Reply to the customer" });
  await reply.pressSequentially("Let's fix that: https://example.com/fix-wifi");
  // Visitors see the agent's profile name, which an earlier spec may have set ("Ada <id>").
  const first = ADMIN.name.split(" ")[0];
  const agentName = new RegExp(`^${first}\\b`);
  await expect(frame.getByText(new RegExp(`^${first}\\b.* is typing…$`))).toBeVisible();
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(frame.getByRole("log")).toContainText("Let's fix that");
  const link = frame.getByRole("link", { name: "https://example.com/fix-wifi" });
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(frame.getByRole("heading", { level: 1 })).toHaveText(agentName);
  // The host page heard it through Rapport.on("message").
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { got: string[] }).got))
    .toEqual(["Let's fix that: https://example.com/fix-wifi"]);

  // The visitor's next message arrives live; the agent has the chat open, so it is read.
  await frame.getByRole("button", { name: "Send" }).click();
  await expect(agent.getByRole("log")).toContainText("Also the light blinks");
  await expect(frame.getByText("Seen", { exact: true })).toBeVisible();

  // Emoji from the composer's palette travel as text; Esc closes the palette, not the chat.
  const palette = frame.getByRole("group", { name: "Emoji" });
  await frame.getByRole("button", { name: "Emoji" }).click();
  await expect(palette).toBeVisible();
  await palette.getByRole("button", { name: "Thumbs up" }).press("Escape");
  await expect(palette).toBeHidden();
  await expect(message).toBeFocused();
  await message.fill("Thanks ");
  await frame.getByRole("button", { name: "Emoji" }).click();
  await palette.getByRole("button", { name: "Thumbs up" }).click();
  await expect(message).toHaveValue("Thanks 👍");
  await frame.getByRole("button", { name: "Send" }).click();
  await expect(agent.getByRole("log")).toContainText("Thanks 👍");

  // A single-page app changes its page: the agent sees where the visitor is now.
  await page.evaluate(() => {
    document.title = "Checkout";
    history.pushState({}, "", "/shop/checkout");
  });
  await expect(panel.getByRole("link", { name: "Checkout" })).toHaveAttribute("href", /\/shop\/checkout$/);

  // Esc closes the panel; a reload keeps the conversation.
  await message.press("Escape");
  await expect(message).toBeHidden();
  await page.reload();
  await clickLauncher(page);
  const again = await widgetFrame(page);
  await expect(again.getByRole("log")).toContainText("Let's fix that");
  await expect(again.getByRole("log")).toContainText("Also the light blinks");

  // A new visitor, while the agent is online, is told the expected wait, which answered chats
  // (this one's) give.
  const newcomerContext = await browser.newContext();
  const newcomer = await newcomerContext.newPage();
  await newcomer.goto(site.url);
  await clickLauncher(newcomer);
  const newcomerFrame = await widgetFrame(newcomer);
  await expect(newcomerFrame.getByText(/^We usually reply in about (a minute|\d+ minutes)\.$/)).toBeVisible();
  await newcomerContext.close();

  // The chat frame itself, as its own page, passes axe.
  const framePage = await page.context().newPage();
  await framePage.goto(`${origin()}/widget/frame?key=${key}&origin=${encodeURIComponent(site.origin)}`);
  await expect(framePage.getByRole("textbox", { name: "Message" })).toBeVisible();
  await framePage.getByRole("button", { name: "Emoji" }).click();
  await expect(framePage.getByRole("group", { name: "Emoji" })).toBeVisible();
  await expectAccessible(framePage);
  await framePage.close();

  await configureWidget(admin, { allowedOrigins: [] });
  await agentContext.close();
  await site.close();
  await admin.dispose();
});
