import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { unique } from "../support/agent.ts";
import { type Rapport, type Sink, startRapport, startSink, waitForMail } from "../support/email.ts";

// The voters' emails must really leave through a relay, which the shared server must not have
// (see startRapport): this journey runs its own Rapport wired to an SMTP sink, where the
// customers' sign-in links arrive too.
const ADMIN = {
  workspaceName: "Soundwave",
  name: "Hedy Lamarr",
  email: "hedy@soundwave.test",
  password: "frequency-hopping-1942",
};

let sink: Sink;
let rapport: Rapport;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(150_000);
  sink = await startSink();
  rapport = await startRapport({ SMTP_URL: `smtp://127.0.0.1:${sink.port}` });
  const api = await playwright.request.newContext({
    baseURL: rapport.baseURL,
    extraHTTPHeaders: { Origin: rapport.baseURL },
  });
  const res = await api.post("/api/v1/setup", { data: ADMIN });
  expect(res.status(), await res.text()).toBe(201);
  await api.dispose();
});

test.afterAll(async () => {
  await rapport?.stop();
  await sink?.close();
});

/** Who a message was addressed to, as its To: header says. */
const recipients = (m: ParsedMail) =>
  [m.to]
    .flat()
    .map((a) => a?.text ?? "")
    .join(" ");

async function ok<T>(api: APIRequestContext, method: "post" | "patch", path: string, data: unknown) {
  const res = await api[method](path, { data });
  expect(res.ok(), `${method.toUpperCase()} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** A customer signed in through the sign-in link the portal emails, in a browser of their own. */
async function customerPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: rapport.baseURL });
  const page = await context.newPage();
  await page.goto("/portal/login");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const { mail } = await waitForMail(
    sink,
    (m) => recipients(m).includes(email) && /sign-in link/i.test(m.subject ?? ""),
  );
  const link = mail.text?.match(/https?:\/\/\S+/)?.[0];
  expect(link, mail.text).toBeTruthy();
  await page.goto(link as string);
  await page.waitForURL(/\/portal/);
  return page;
}

test("a customer posts an idea, others vote and follow it, staff plan it then complete it, and the voters are emailed through the relay", async ({
  browser,
  page,
  playwright,
}) => {
  // Four customers signing in by email, a staff screen and two notification sweeps.
  test.setTimeout(420_000);
  const id = unique();
  const api = await playwright.request.newContext({
    baseURL: rapport.baseURL,
    extraHTTPHeaders: { Origin: rapport.baseURL },
  });
  const signIn = await api.post("/api/auth/sign-in/email", {
    data: { email: ADMIN.email, password: ADMIN.password },
  });
  expect(signIn.status(), await signIn.text()).toBe(200);

  const boardName = `Speakers ${id}`;
  const board = await ok<{ id: string }>(api, "post", "/api/v1/feedback/boards", {
    name: boardName,
    visibility: "public",
  });
  // An idea already on the board, which the similar-ideas panel should offer.
  const existing = await ok<{ title: string }>(api, "post", "/api/v1/feedback/ideas", {
    boardId: board.id,
    title: `Night mode for the speaker lights ${id}`,
    description: "The status light is too bright in a bedroom.",
  });
  const people = ["Mara Quint", "Jonas Berg", "Priya Nair", "Tomas Reyes"].map((name) => ({
    name: `${name} ${id}`,
    email: `${name.split(" ")[0]?.toLowerCase()}-${id}@example.test`,
  }));
  for (const p of people) await ok(api, "post", "/api/v1/customers", { name: p.name, emails: [p.email] });
  const [author, voterA, voterB, lateVoter] = people as [
    (typeof people)[0],
    (typeof people)[0],
    (typeof people)[0],
    (typeof people)[0],
  ];

  // The author shares an idea on the public page; while the title is typed, the similar idea
  // already on the board is offered.
  const authorPage = await customerPage(browser, author.email);
  await authorPage.goto("/feedback/new");
  await authorPage.getByLabel("Board").selectOption({ label: boardName });
  const title = `Night mode for the bedroom speaker ${id}`;
  await authorPage.getByRole("textbox", { name: /^Title/ }).fill(title);
  const similar = authorPage.getByRole("region", { name: "Similar ideas" });
  await expect(similar.getByRole("link", { name: existing.title })).toBeVisible({ timeout: 15_000 });
  await authorPage
    .getByRole("textbox", { name: /^Description/ })
    .fill("Dim the lights and the **voice** after 22:00, please.");
  await authorPage.getByRole("button", { name: "Post idea" }).click();
  await authorPage.waitForURL(/\/feedback\/ideas\/\d+-/);
  const ideaPath = new URL(authorPage.url()).pathname;
  await expect(authorPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(authorPage.locator(".fb-body strong")).toHaveText("voice");
  const number = ideaPath.split("/").pop()?.split("-")[0];
  const idea = (await (await api.get(`/api/v1/feedback/ideas/${number}`)).json()) as {
    id: string;
    number: number;
  };

  // Two other customers vote on the idea's public page; one also comments, the other stops
  // following and follows again (a voter is following from the vote on).
  const a = await customerPage(browser, voterA.email);
  await a.goto(ideaPath);
  await a.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(a.getByRole("button", { name: "Remove my vote" })).toHaveAttribute("aria-pressed", "true");
  await expect(a.getByTestId("idea-votes")).toHaveText("1");
  await a.getByRole("textbox", { name: "Your comment" }).fill("Yes please, it wakes the baby.");
  await a.getByRole("button", { name: "Post comment" }).click();
  await expect(a.getByText("Yes please, it wakes the baby.")).toBeVisible();
  // After the reload the vote is still there, as the server holds it.
  await expect(a.getByRole("button", { name: "Remove my vote" })).toBeVisible();

  const b = await customerPage(browser, voterB.email);
  await b.goto(ideaPath);
  await b.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(b.getByTestId("idea-votes")).toHaveText("2");
  await expect(b.getByText("You will be told when this changes.")).toBeVisible();
  await b.getByRole("button", { name: "Stop following" }).click();
  await expect(b.getByRole("button", { name: "Follow updates" })).toBeVisible();
  await b.reload();
  await expect(b.getByRole("button", { name: "Follow updates" })).toBeVisible();
  await b.getByRole("button", { name: "Follow updates" }).click();
  await expect(b.getByText("You will be told when this changes.")).toBeVisible();

  // Staff plan it on the Feedback screen.
  await page.goto(`${rapport.baseURL}/login`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/app/**");
  await page.goto(`${rapport.baseURL}/app/feedback?idea=${idea.id}`);
  const drawer = page.getByRole("dialog", { name: `#${idea.number} ${title}` });
  await expect(drawer).toBeVisible({ timeout: 30_000 });
  await drawer.getByRole("combobox", { name: "New status" }).click();
  await page.getByRole("option", { name: "Planned", exact: true }).click();
  await drawer.getByRole("button", { name: "Change status" }).click();
  await expect(drawer.getByRole("region", { name: "History" })).toContainText("Open → Planned");

  // The author and both voters get an email naming the idea and its new status, with a link to
  // it and a one-click unsubscribe.
  const planned = `“${title}” is now Planned`;
  for (const who of [author, voterA, voterB]) {
    const { mail } = await waitForMail(
      sink,
      (m) => recipients(m).includes(who.email) && m.subject === planned,
      150_000,
    );
    expect(mail.text).toContain(ideaPath);
    expect(mail.text).toContain("Now Planned (was Open)");
    // mailparser folds List-* headers into one object; the raw lines are what the client reads.
    const header = (key: string) => mail.headerLines.find((l) => l.key === key)?.line ?? "";
    expect(header("list-unsubscribe")).toMatch(/<https?:\/\/\S+>/);
    expect(header("list-unsubscribe-post")).toContain("List-Unsubscribe=One-Click");
  }

  // A latecomer finds it planned and votes too.
  const late = await customerPage(browser, lateVoter.email);
  await late.goto(ideaPath);
  await expect(late.getByRole("note").first()).toContainText("We intend to build this.");
  await late.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(late.getByTestId("idea-votes")).toHaveText("3");

  // Staff complete it (the screen's done step is 55-feedback-staff's; the API is the same command).
  const shipped = "Shipped in 4.3: Settings → Lights → Night mode.";
  await ok(api, "patch", `/api/v1/feedback/ideas/${idea.id}`, { status: "done", explanation: shipped });
  await late.reload();
  await expect(late.getByRole("note").first()).toContainText("This is done.");
  await expect(late.getByRole("note").first()).toContainText(shipped);

  // The latecomer hears that it is done, with what it means. The earlier voters already had
  // today's email about this idea: "done" waits for tomorrow's, folded, rather than a second one.
  const { mail: done } = await waitForMail(
    sink,
    (m) => recipients(m).includes(lateVoter.email) && m.subject === `“${title}” is now Done`,
    150_000,
  );
  expect(done.text).toContain("Now Done (was Planned)");
  expect(done.text).toContain(shipped);
  const aboutIdea = (email: string) =>
    sink.received.filter((r) => r.envelopeTo.includes(email) && r.mail.subject?.includes(title));
  for (const who of [author, voterA, voterB]) expect(aboutIdea(who.email)).toHaveLength(1);

  for (const p of [authorPage, a, b, late]) await p.context().close();
  await api.dispose();
});
