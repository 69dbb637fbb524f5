import { expect, test } from "@playwright/test";
import WebSocket from "ws";
import { call, origin, signedInApi, unique, waitForLive } from "../support/agent.ts";
import { expectAccessible } from "../support/axe.ts";
import { signInAsAdmin } from "../support/data.ts";
import { inviteAgent, signIn } from "../support/people.ts";

/**
 * The agent's side of chats (issue #22): an admin configures the chat widget and a proactive
 * message on Settings → Chat; a visitor on the pricing page starts a chat through the widget's
 * HTTP API (as the embedded widget does); it reaches the inbox marked "Chat"; the agent sees
 * the visitor's page beside the conversation, replies, and transfers the chat to a colleague
 * with a note, who is told. axe is clean on every new screen.
 */
test("an admin sets up chat; an agent sees the visitor's page, replies and transfers the chat with a note", async ({
  page,
  browser,
  playwright,
}) => {
  // Three browser contexts and several lazy chunks on a loaded 2-core machine.
  test.setTimeout(240_000);
  const id = unique();
  const api = await signedInApi(playwright);

  // ---- the admin: Settings → Chat → Chat widget ------------------------------------------
  await signInAsAdmin(page);
  await page.getByRole("navigation").getByRole("link", { name: "Chat", exact: true }).click();
  await page.waitForURL("**/app/settings/chat");
  await page.getByRole("tab", { name: "Chat widget" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Chat widget" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("embed-snippet")).toContainText("pk_");
  await page.getByRole("textbox", { name: "Origin to add" }).fill("https://shop.example.test");
  await page.getByRole("button", { name: "Add origin" }).click();
  await page.getByRole("textbox", { name: "Origin to add" }).fill(origin());
  await page.getByRole("button", { name: "Add origin" }).click();
  await expect(page.getByRole("button", { name: "Remove https://shop.example.test" })).toBeVisible();
  await page.getByLabel("Greeting").fill(`Hi from Northwind ${id}! How can we help?`);
  await page.getByRole("button", { name: "Save widget settings" }).click();
  await expect(page.getByText("Widget settings saved")).toBeVisible();
  // The identity secret stays hidden until asked for, and rotating asks first.
  await expect(page.getByTestId("identity-secret")).toHaveCount(0);
  await page.getByRole("button", { name: "Reveal secret" }).click();
  await expect(page.getByTestId("identity-secret")).not.toBeEmpty();
  const before = await page.getByTestId("identity-secret").textContent();
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const confirm = page.getByRole("dialog", { name: "Rotate secret" });
  await expect(confirm).toContainText("stop verifying");
  await expectAccessible(page);
  await confirm.getByRole("button", { name: "Rotate", exact: true }).click();
  await expect(page.getByText("A new secret is in use")).toBeVisible();
  await expect(page.getByTestId("identity-secret")).not.toHaveText(before ?? "");
  await expectAccessible(page);

  // ---- a proactive message on the pricing pages ----------------------------------------------
  await page.getByRole("tab", { name: "Proactive messages" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Proactive messages" })).toBeVisible();
  await page.getByRole("button", { name: "New proactive message" }).click();
  const editor = page.getByRole("dialog", { name: "New proactive message" });
  await editor.getByLabel("Name").fill(`Pricing help ${id}`);
  await editor.getByLabel("Message").fill("Comparing plans? Ask us anything.");
  // A pattern that is not a path is refused by the server, on its field.
  await editor.getByLabel("Page pattern").fill("pricing page");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(editor.getByText("urlPattern may hold letters")).toBeVisible();
  await editor.getByLabel("Page pattern").fill("/pricing*");
  await editor.getByLabel("Delay (seconds)").fill("5");
  await expectAccessible(page);
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(editor).toBeHidden();
  const table = page.getByRole("table", { name: "Proactive messages" });
  await expect(table.getByRole("row", { name: new RegExp(`Pricing help ${id}`) })).toContainText("/pricing*");
  await expectAccessible(page);

  // ---- a visitor on the pricing page starts a chat through the widget's API ---------------------
  const widget = await (await api.get("/api/v1/chat/widget")).json();
  const visitorApi = await playwright.request.newContext({
    baseURL: origin(),
    extraHTTPHeaders: { Origin: origin() },
  });
  const session = await call<{ token: string }>(visitorApi, "post", "/api/v1/widget/sessions", {
    key: widget.publicKey,
    page: { url: `https://shop.example.test/pricing?plan=pro&id=${id}`, title: `Pricing ${id}` },
  });
  const asVisitor = { authorization: `Visitor ${session.token}` };
  const proactive = await visitorApi.get(
    `/api/v1/widget/proactive?url=${encodeURIComponent("https://shop.example.test/pricing")}`,
    { headers: asVisitor },
  );
  expect((await proactive.json()).items.map((m: { body: string }) => m.body)).toContain(
    "Comparing plans? Ask us anything.",
  );
  await call(
    visitorApi,
    "post",
    "/api/v1/widget/conversations",
    { text: `Does the Pro plan record calls? ${id}`, name: `Vic Visitor ${id}` },
    asVisitor,
  );

  // ---- the agent: the chat in the inbox, the visitor's page beside it, a reply, a transfer ------
  const kim = await inviteAgent(api, id);
  // Kim's own snippet (personal snippets are their author's).
  const kimApi = await signedInApi(playwright, kim);
  await call(kimApi, "post", "/api/v1/snippets", {
    title: `Chat welcome ${id}`,
    body: "Hi {{customer.first_name}}, thanks for waiting.",
  });
  await kimApi.dispose();
  const dana = await inviteAgent(api, `${id}b`);
  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, kim);
  await agent.goto("/app/inbox");
  await waitForLive(agent);
  const row = agent.getByRole("row", { name: new RegExp(`Does the Pro plan record calls\\? ${id}`) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row.getByText("Chat", { exact: true })).toBeVisible();
  await row.getByRole("link", { name: new RegExp(id) }).click();

  const panel = agent.getByRole("region", { name: "Live chat" });
  await expect(panel).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole("link", { name: `Pricing ${id}` })).toHaveAttribute(
    "href",
    `https://shop.example.test/pricing?plan=pro&id=${id}`,
  );
  await expect(panel).toContainText(`Vic Visitor ${id}`);
  await expect(panel).toContainText("Not verified");
  // The visitor's widget socket: moving to another page, typing and reading show live.
  const widget$ = await openWidgetSocket(session.token);
  widget$.send({ type: "page", url: "https://shop.example.test/checkout", title: `Checkout ${id}` });
  await expect(panel.getByRole("link", { name: `Checkout ${id}` })).toBeVisible();
  widget$.send({ type: "typing", typing: true });
  await expect(panel.getByRole("status")).toHaveText(`Vic Visitor ${id} is typing…`);
  widget$.send({ type: "typing", typing: false });
  await expect(panel.getByRole("status")).not.toContainText("typing");
  // Snippets and knowledge suggestions are there on a chat case as on any other.
  await expect(agent.getByRole("region", { name: "Knowledge" })).toBeVisible();
  await expectAccessible(agent);

  // A snippet fills in on a chat case as on any other (the visitor's first name from the chat).
  await agent.getByRole("button", { name: "Snippets" }).click();
  const search = agent.getByRole("combobox", { name: "Find a snippet" });
  await search.fill(`Chat welcome ${id}`);
  await expect(agent.getByRole("option", { name: new RegExp(`Chat welcome ${id}`) })).toBeVisible();
  await search.press("Enter");
  await expect(agent.getByRole("textbox", { name: "Reply to the customer" })).toHaveValue(
    "Hi Vic, thanks for waiting.",
  );
  await agent.getByRole("textbox", { name: "Reply to the customer" }).fill("");
  // The agent's keystrokes reach the widget as "typing".
  await agent.getByRole("textbox", { name: "Reply to the customer" }).pressSequentially("Yes: ");
  await widget$.next((f) => f.type === "typing" && f.typing === true);
  await agent.getByRole("textbox", { name: "Reply to the customer" }).fill("Yes: every call, kept 90 days.");
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByRole("article", { name: new RegExp(`Reply: ${kim.name}`) })).toContainText(
    "kept 90 days",
  );
  // The visitor's widget has the reply (the same conversation, no email).
  await expect
    .poll(async () => {
      const res = await visitorApi.get("/api/v1/widget/conversation", { headers: asVisitor });
      return JSON.stringify(await res.json());
    })
    .toContain("kept 90 days");

  widget$.send({ type: "read" });
  await expect(panel.getByRole("status")).toContainText("Seen");

  await panel.getByRole("button", { name: "Transfer" }).click();
  const transfer = agent.getByRole("dialog", { name: "Transfer this chat" });
  await transfer.getByRole("combobox", { name: "Agent" }).click();
  await agent.getByRole("option", { name: new RegExp(dana.name) }).click();
  await transfer.getByLabel("Note for them").fill("Wants call recording on Pro; sales follow-up.");
  await expectAccessible(agent);
  await transfer.getByRole("button", { name: "Transfer", exact: true }).click();
  await expect(transfer).toBeHidden();
  await expect(agent.getByText(`Chat transferred to ${dana.name}`)).toBeVisible();
  await expect(agent.getByRole("article", { name: /Internal note/ }).last()).toContainText("sales follow-up");

  // The visitor's widget hears who they are chatting with now.
  await widget$.next((f) => f.type === "status" && f.agent?.name === dana.name);
  widget$.close();

  // Dana is told (her notifications, read through her own session).
  const danaApi = await signedInApi(playwright, dana);
  const bell = await (await danaApi.get("/api/v1/notifications")).json();
  const notice = bell.items.find((n: { kind: string }) => n.kind === "chat.transferred");
  expect(notice?.summary).toContain("sales follow-up");
  await danaApi.dispose();
  await visitorApi.dispose();
});

/** The widget's socket as the embedded widget opens it: authenticated, with its frames kept. */
async function openWidgetSocket(token: string) {
  const ws = new WebSocket(`${origin().replace("http", "ws")}/api/v1/widget/socket`, {
    headers: { origin: origin() },
  });
  const frames: Array<Record<string, any>> = [];
  ws.on("message", (raw) => frames.push(JSON.parse(raw.toString())));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const send = (frame: Record<string, unknown>) => ws.send(JSON.stringify(frame));
  const next = async (match: (f: Record<string, any>) => boolean) => {
    await expect.poll(() => frames.some(match), { timeout: 15_000 }).toBe(true);
    return frames.find(match) as Record<string, any>;
  };
  send({ type: "auth", token });
  await next((f) => f.type === "ready");
  return { send, next, close: () => ws.close() };
}
