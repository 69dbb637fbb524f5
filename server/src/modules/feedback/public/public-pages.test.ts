import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../../test/client.ts";
import { customerClient, setUpWorkspace, uniqueEmail } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { insertBoard, insertComment, insertCustomer, insertIdea } from "./fixture.ts";

/**
 * The feedback portal's public pages (issue #17) over HTTP, as a browser without JavaScript and
 * a feed reader get them. The data is written with SQL (fixture.ts: the pages read the tables
 * directly; the core API that writes them is another part's). The server-rendered pages need the
 * built web app (`npm run build`); the feed and the sitemap do not.
 */
const built = existsSync(path.resolve(import.meta.dirname, "../../../../../web/dist/server/entry-server.js"));
const needsWeb = { skip: built ? false : "the web app is not built (npm run build)" };

let server: TestServer;
let anon: TestClient;
let alice: TestClient;
let scope: TenantScope;
let aliceId: string;
const HOSTILE_TITLE = `Dark mode </script><script>alert("title")</script> & more`;
const HOSTILE_BODY = [
  "Please add **dark mode**.",
  "<script>alert(1)</script>",
  '<img src="x" onerror="alert(2)">',
  "[click](javascript:alert(3))",
  "</script><script>alert(4)</script>",
].join("\n\n");
const DECLINE = "We will not add fax support: fewer than ten customers still use fax machines.";

type Idea = { id: string; number: string; slug: string };
const ideas: Record<string, Idea> = {};
const boards: Record<string, { id: string; slug: string }> = {};
const href = (key: string) => `/feedback/ideas/${ideas[key]?.number}-${ideas[key]?.slug}`;

before(async () => {
  server = await startTestServer({ web: built });
  const { workspaceId } = await setUpWorkspace(server, "Acme <Audio> & Co");
  anon = new TestClient(server.url);
  scope = new TenantScope(server.runtime.ctx.db, workspaceId);

  const aliceEmail = uniqueEmail("alice");
  ({ client: alice } = await customerClient(server, aliceEmail));
  const user = await server.runtime.ctx.db
    .selectFrom("auth.user")
    .select("id")
    .where("email", "=", aliceEmail)
    .executeTakeFirstOrThrow();
  const linked = await scope
    .selectFrom("customers")
    .select("id")
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  aliceId = linked?.id ?? (await insertCustomer(scope, "Alice Archer", user.id));
  await scope.updateTable("customers").set({ name: "Alice Archer" }).where("id", "=", aliceId).execute();
  const voters = await Promise.all(
    Array.from({ length: 12 }, (_, i) => insertCustomer(scope, `Voter Number${i}`)),
  );

  boards.product = await insertBoard(scope, "Product", "public", { position: 0 });
  boards.billing = await insertBoard(scope, "Billing", "public", { position: 1 });
  boards.owners = await insertBoard(scope, "Owners corner", "customers", { position: 2 });
  boards.secret = await insertBoard(scope, "Secret plans", "staff", { position: 3 });

  const t0 = Date.UTC(2026, 9, 1);
  const day = (n: number) => new Date(t0 + n * 86_400_000);
  ideas.dark = await insertIdea(scope, boards.product.id, {
    title: HOSTILE_TITLE,
    description: HOSTILE_BODY,
    voters: voters.slice(0, 8),
    authorCustomerId: aliceId,
    status: "planned",
    explanation: "Planned for the spring release.",
    createdAt: day(1),
  });
  ideas.fax = await insertIdea(scope, boards.product.id, {
    title: "Send invoices by fax",
    status: "declined",
    explanation: DECLINE,
    voters: voters.slice(0, 2),
    createdAt: day(2),
  });
  ideas.export = await insertIdea(scope, boards.product.id, {
    title: "Export to CSV",
    description: "Let me export my **history**.",
    status: "done",
    explanation: "Shipped in 4.2 <b>today</b> & working.",
    voters: voters.slice(0, 5),
    createdAt: day(3),
    doneAt: day(20),
  });
  ideas.wip = await insertIdea(scope, boards.billing.id, {
    title: "Pay with bank transfer",
    status: "in_progress",
    voters: voters.slice(0, 3),
    createdAt: day(4),
  });
  ideas.csvAgain = await insertIdea(scope, boards.product.id, {
    title: "CSV download of my data",
    status: "duplicate",
    mergedIntoId: ideas.export.id,
    createdAt: day(5),
  });
  ideas.owners = await insertIdea(scope, boards.owners.id, {
    title: "Owners only loyalty discount",
    voters: voters.slice(0, 11),
    createdAt: day(6),
  });
  ideas.secret = await insertIdea(scope, boards.secret.id, {
    title: "Secret acquisition of Globex",
    voters: voters,
    status: "done",
    createdAt: day(7),
    doneAt: day(30),
  });
  // A duplicate on the private board, merged into a public idea: the public page must not list it.
  ideas.secretDup = await insertIdea(scope, boards.secret.id, {
    title: "Secret export pipeline",
    status: "duplicate",
    mergedIntoId: ideas.export.id,
    createdAt: day(8),
  });
  // Enough billing ideas for three pages (30 a page), with distinct vote counts.
  for (let i = 0; i < 62; i++) {
    ideas[`bulk${i}`] = await insertIdea(scope, boards.billing.id, {
      title: `Billing idea number ${i}`,
      createdAt: day(10 + i),
    });
    await scope
      .updateTable("feedback_ideas")
      .set({ vote_count: 100 + i })
      .where("id", "=", ideas[`bulk${i}`]?.id as string)
      .execute();
  }
  const staff = await server.runtime.ctx.db
    .selectFrom("memberships")
    .select("user_id")
    .where("workspace_id", "=", workspaceId)
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  await insertComment(scope, ideas.dark.id, "We are on it.", { userId: staff.user_id }, true);
  await insertComment(scope, ideas.dark.id, "<img src=x onerror=alert(5)> me too", { customerId: voters[0] });
  await scope
    .insertInto("feedback_settings", { status_labels: JSON.stringify({ planned: "Next up" }) })
    .execute();
});
after(() => server.close());

const page = async (p: string, client = anon) => {
  const res = await client.get(p);
  return { status: res.status, html: String(res.body), location: res.headers.get("location") };
};
const head = (html: string) => html.slice(0, html.indexOf("</head>"));
const body = (html: string) => html.slice(html.indexOf("</head>"));

/** Nothing a visitor wrote became markup or script in the page. */
function assertInert(html: string) {
  const b = body(html).replace(
    /<script id="rapport-ssr-data" type="application\/json"[^>]*>[\s\S]*?<\/script>/,
    "",
  );
  assert.ok(!/<script>alert/.test(b), "no injected script element");
  assert.ok(!/<img[^>]*onerror/i.test(b), "no event handler attribute");
  assert.ok(!/href="javascript:/i.test(b), "no javascript: link");
  const ssr =
    /<script id="rapport-ssr-data" type="application\/json"[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
  assert.ok(!ssr.includes("</script"), "the page data cannot close its script element");
}

describe("the feedback home", needsWeb, () => {
  test("lists the public boards and the top ideas, never private boards or their ideas", async () => {
    const { status, html } = await page("/feedback");
    assert.equal(status, 200);
    assert.match(html, /href="\/feedback\/product"/);
    assert.match(html, /href="\/feedback\/billing"/);
    for (const hidden of ["Owners corner", "Secret plans", "Owners only loyalty", "Secret acquisition"]) {
      assert.ok(!html.includes(hidden), `${hidden} must not show to a stranger`);
    }
    assert.match(head(html), /<link rel="canonical" href="[^"]*\/feedback">/);
    assert.match(head(html), /application\/atom\+xml/);
  });

  test("a signed-in customer also sees the customers' board, not the staff one", async () => {
    const { html } = await page("/feedback", alice);
    assert.ok(html.includes("Owners corner"));
    assert.ok(!html.includes("Secret plans"));
  });
});

describe("a board page", needsWeb, () => {
  test("ranks by votes, pages with ?page= and says so in the canonical address", async () => {
    const first = await page("/feedback/billing");
    assert.equal(first.status, 200);
    const order = [...body(first.html).matchAll(/Billing idea number (\d+)</g)].map((m) => Number(m[1]));
    assert.equal(order.length, 30);
    assert.deepEqual(order.slice(0, 3), [61, 60, 59]);
    assert.match(first.html, /href="\/feedback\/billing\?page=2"/);
    const third = await page("/feedback/billing?page=3");
    assert.equal(third.status, 200);
    assert.match(head(third.html), /<link rel="canonical" href="[^"]*\/feedback\/billing\?page=3">/);
    // 63 ideas on the board: the third page has the last three (the least voted, then the transfer idea).
    assert.ok(third.html.includes("Pay with bank transfer"));
    assert.equal((await page("/feedback/billing?page=4")).status, 404);
  });

  test("sorts by newest and filters by status, with the workspace's status names", async () => {
    const recent = await page("/feedback/billing?sort=recent");
    const order = [...body(recent.html).matchAll(/Billing idea number (\d+)</g)].map((m) => Number(m[1]));
    assert.deepEqual(order.slice(0, 2), [61, 60]);
    const planned = await page("/feedback/product?status=planned");
    assert.equal(planned.status, 200);
    assert.ok(planned.html.includes("Next up"), "the renamed status label");
    assert.ok(!planned.html.includes("Send invoices by fax"));
    assert.ok(!planned.html.includes("Export to CSV"));
    assertInert(planned.html);
  });

  test("duplicates are not listed; private boards are 404 like boards that do not exist", async () => {
    const product = await page("/feedback/product");
    assert.ok(!product.html.includes("CSV download of my data"));
    assert.equal((await page("/feedback/secret-plans")).status, 404);
    assert.equal((await page("/feedback/owners-corner")).status, 404);
    assert.equal((await page("/feedback/no-such-board")).status, 404);
    const owners = await page("/feedback/owners-corner", alice);
    assert.equal(owners.status, 200);
    assert.match(head(owners.html), /<meta name="robots" content="noindex">/);
  });
});

describe("an idea page", needsWeb, () => {
  test("shows the description rendered, hostile markup inert, status, votes, history and comments", async () => {
    const { status, html } = await page(href("dark"));
    assert.equal(status, 200);
    assert.ok(body(html).includes("<strong>dark mode</strong>"), "markdown is rendered");
    assertInert(html);
    assert.ok(!head(html).includes("</script><script>alert"), "the title is escaped in <head>");
    assert.ok(html.includes("Next up"), "status under the workspace's name");
    assert.ok(html.includes("Planned for the spring release."));
    assert.match(html, /data-testid="idea-votes"[^>]*>8</);
    assert.ok(html.includes("Official answer"));
    assert.ok(html.includes("We are on it."));
    assert.ok(html.includes("Alice A."), "customers by first name and initial");
    assert.ok(html.includes("History"));
  });

  test("a declined idea shows the company's explanation", async () => {
    const { html } = await page(href("fax"));
    assert.ok(html.includes(DECLINE));
    assert.ok(html.includes("Declined"));
  });

  test("a duplicate links to its original, and the original lists its readable duplicates only", async () => {
    const dup = await page(href("csvAgain"));
    assert.equal(dup.status, 200);
    assert.ok(dup.html.includes(`href="${href("export")}"`));
    assert.match(head(dup.html), /noindex/);
    const original = await page(href("export"));
    assert.ok(original.html.includes(`href="${href("csvAgain")}"`));
    assert.ok(!original.html.includes("Secret export pipeline"));
  });

  test("a wrong slug redirects to the canonical address; a private idea is 404", async () => {
    const wrong = await page(`/feedback/ideas/${ideas.export?.number}-old-title`);
    assert.equal(wrong.status, 301);
    assert.equal(wrong.location, href("export"));
    assert.equal((await page(href("secret"))).status, 404);
    assert.equal((await page(href("owners"))).status, 404);
    assert.equal((await page(href("owners"), alice)).status, 200);
    assert.equal((await page("/feedback/ideas/99999999-nothing")).status, 404);
  });
});

describe("a signed-in customer's own state", needsWeb, () => {
  test("the idea page knows the customer's vote and subscription (for the buttons after hydration)", async () => {
    const ssr = async (client: TestClient) => {
      const html = (await page(href("wip"), client)).html;
      const json = /<script id="rapport-ssr-data" type="application\/json"[^>]*>([\s\S]*?)<\/script>/.exec(
        html,
      )?.[1];
      return JSON.parse(json as string).page as { idea: { myVote: boolean; subscribed: boolean } };
    };
    assert.equal((await ssr(alice)).idea.myVote, false);
    await scope
      .insertInto("feedback_votes", { idea_id: ideas.wip?.id as string, customer_id: aliceId })
      .execute();
    await scope
      .insertInto("feedback_subscriptions", {
        idea_id: ideas.wip?.id as string,
        customer_id: aliceId,
        reason: "voter",
      })
      .execute();
    const mine = await ssr(alice);
    assert.equal(mine.idea.myVote, true);
    assert.equal(mine.idea.subscribed, true);
    assert.equal((await ssr(anon)).idea.myVote, false, "a stranger never sees another's vote");
  });
});

describe("the roadmap and the changelog", needsWeb, () => {
  test("the roadmap has planned, in progress and done columns of readable ideas", async () => {
    const { status, html } = await page("/feedback/roadmap");
    assert.equal(status, 200);
    const b = body(html);
    const at = (s: string) => b.indexOf(s);
    assert.ok(at("Next up") < at("In progress") && at("In progress") < at(">Done<"));
    assert.ok(at("Pay with bank transfer") > at("In progress"));
    assert.ok(at("Export to CSV") > at(">Done<"));
    assert.ok(!html.includes("Secret acquisition"));
    assertInert(html);
  });

  test("the changelog lists done ideas of readable boards, newest first", async () => {
    const { status, html } = await page("/feedback/changelog");
    assert.equal(status, 200);
    assert.ok(html.includes("Export to CSV"));
    assert.ok(!html.includes("Secret acquisition"));
    assert.ok(!html.includes("Pay with bank transfer"));
  });
});

/** A small well-formedness check: tags nest and close, text has no raw "<" or stray "&". */
function assertWellFormedXml(xml: string) {
  const stack: string[] = [];
  const rest = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  for (const m of rest.matchAll(/<[^>]*>|[^<]+/g)) {
    const tok = m[0];
    if (!tok.startsWith("<")) {
      assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(tok), `stray & in text: ${tok.slice(0, 60)}`);
      continue;
    }
    const tag = /^<(\/?)([A-Za-z][\w:-]*)([^>]*?)(\/?)>$/.exec(tok);
    assert.ok(tag, `bad tag: ${tok.slice(0, 60)}`);
    const [, close, name, attrs, selfClose] = tag as RegExpExecArray;
    assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(attrs ?? ""), `stray & in attributes: ${tok}`);
    if (close) assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    else if (!selfClose) stack.push(name as string);
  }
  assert.deepEqual(stack, [], "every element is closed");
}

describe("the changelog's Atom feed", () => {
  test("is well-formed Atom of done ideas on public boards only, with every value escaped", async () => {
    const res = await anon.get("/feedback/changelog.atom");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^application\/atom\+xml/);
    const xml = String(res.body);
    assertWellFormedXml(xml);
    assert.match(xml, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
    for (const required of ["<id>", "<title", "<updated>", "<author>"])
      assert.ok(xml.includes(required), required);
    const entries = xml.match(/<entry>/g) ?? [];
    assert.equal(entries.length, 1, "only the public done idea");
    assert.ok(xml.includes(`<id>urn:uuid:${ideas.export?.id}</id>`));
    assert.ok(xml.includes(`${href("export")}"`));
    assert.ok(!xml.includes("Secret acquisition"));
    assert.ok(
      xml.includes("Shipped in 4.2 &lt;b&gt;today&lt;/b&gt; &amp; working."),
      "summary is text, escaped",
    );
    assert.ok(xml.includes("&lt;strong&gt;history&lt;/strong&gt;"), "content is escaped HTML");
    assert.ok(xml.includes("Acme &lt;Audio&gt; &amp; Co"));
  });

  test("a signed-in customer gets the same public-only feed", async () => {
    const xml = String((await alice.get("/feedback/changelog.atom")).body);
    assert.equal((xml.match(/<entry>/g) ?? []).length, 1);
  });
});

describe("the sitemap", () => {
  test("lists the feedback pages, public boards and their ideas, never private or merged ones", async () => {
    const xml = String((await anon.get("/sitemap.xml")).body);
    for (const p of [
      "/feedback",
      "/feedback/roadmap",
      "/feedback/changelog",
      "/feedback/product",
      href("dark"),
    ]) {
      assert.ok(xml.includes(`<loc>${server.url}${p}</loc>`), p);
    }
    for (const key of ["owners", "secret", "secretDup", "csvAgain"]) {
      assert.ok(!xml.includes(`/feedback/ideas/${ideas[key]?.number}-`), `${key} must not be listed`);
    }
    assert.ok(!xml.includes("/feedback/owners-corner<"));
    assert.ok(!xml.includes("/feedback/secret-plans<"));
  });
});
