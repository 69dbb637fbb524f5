import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { customerClient, uniqueEmail } from "../../../../test/factories.ts";
import { collectOrphanedFiles } from "../../cases/orphaned-files.ts";
import { C, newTopic, startWorld, type World } from "../community.testkit.ts";

/**
 * Pictures in posts: members who have earned pictures upload one, write its URL in markdown,
 * and readers see it exactly where they can read a post showing it.
 */
let w: World;
before(async () => {
  w = await startWorld();
});
after(() => w.server.close());

// A real 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

async function upload(
  client: TestClient | null,
  bytes: Buffer,
  name = "router lights.png",
  type = "image/png",
  field = "file",
) {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), name);
  const headers: Record<string, string> = { origin: w.server.url, ...(client ? client.authHeaders() : {}) };
  const res = await fetch(`${w.server.url}${C}/uploads`, { method: "POST", body: form, headers });
  return { status: res.status, body: (await res.json()) as any };
}

async function fetchPicture(client: TestClient, url: string) {
  const res = await fetch(`${w.server.url}${url}`, {
    headers: client.hasSession ? { cookie: client.cookieHeader() } : {},
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

test("a member with pictures uploads one; it shows in their post and is served safely", async () => {
  const up = await upload(w.alice, PNG);
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assert.match(up.body.url, /^\/api\/v1\/community\/uploads\/[0-9a-f-]{36}$/);
  assert.equal(up.body.contentType, "image/png");
  assert.equal(up.body.markdown, `![router lights](${up.body.url})`);

  // Not shown in any post yet: only its uploader sees it (the composer's preview).
  assert.equal((await fetchPicture(w.anon, up.body.url)).status, 404);
  assert.equal((await fetchPicture(w.alice, up.body.url)).status, 200);

  const t = await newTopic(w.alice, w.cats.pub, {
    body: `The lights look like this:\n\n${up.body.markdown}`,
  });
  const read = await w.anon.get(`${C}/topics/${t.id}`);
  assert.equal(read.status, 200);
  assert.ok(
    read.body.topic.bodyHtml.includes(`<img src="${up.body.url}" alt="router lights"`),
    read.body.topic.bodyHtml,
  );
  const pic = await fetchPicture(w.anon, up.body.url);
  assert.equal(pic.status, 200);
  assert.equal(pic.headers.get("content-type"), "image/png");
  assert.equal(pic.headers.get("x-content-type-options"), "nosniff");
  assert.match(pic.headers.get("content-security-policy") ?? "", /sandbox/);
  assert.deepEqual(pic.bytes, PNG);
});

test("a picture posted in a private category stays private, even when its URL is copied", async () => {
  const up = await upload(w.alice, PNG, "serial label.png");
  assert.equal(up.status, 201);
  await newTopic(w.alice, w.cats.customers, { body: `My serial label: ${up.body.markdown}` });
  assert.equal((await fetchPicture(w.anon, up.body.url)).status, 404, "anonymous readers cannot see it");
  assert.equal((await fetchPicture(w.bob, up.body.url)).status, 200, "signed-in customers can");

  // Bob pastes the URL into a public post: that does not publish Alice's picture.
  await newTopic(w.bob, w.cats.pub, { body: `Looks like ![this](${up.body.url})` });
  assert.equal((await fetchPicture(w.anon, up.body.url)).status, 404);

  // Moving the topic to a public category is what makes it public; hiding its post withdraws it.
  const later = await upload(w.alice, PNG, "beta.png");
  const t = await newTopic(w.alice, w.cats.customers, { body: later.body.markdown });
  assert.equal((await fetchPicture(w.anon, later.body.url)).status, 404);
  const moved = await w.moderator.patch(`${C}/topics/${t.id}/moderation`, { categoryId: w.cats.pub });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  assert.equal((await fetchPicture(w.anon, later.body.url)).status, 200);
  const opening = (await w.alice.get(`${C}/topics/${t.id}`)).body.topic.openingPostId;
  assert.equal((await w.moderator.post(`${C}/posts/${opening}/hide`, {})).status, 200);
  assert.equal((await fetchPicture(w.anon, later.body.url)).status, 404, "a hidden post shows nothing");
  assert.equal((await fetchPicture(w.alice, later.body.url)).status, 200, "its author still sees it");
});

test("a new member (trust 0) may not upload pictures yet", async () => {
  const { client: carol } = await customerClient(w.server, uniqueEmail("carol"));
  const res = await upload(carol, PNG);
  assert.equal(res.status, 403, JSON.stringify(res.body));
  assert.equal(res.body.error.field, "file");
  assert.match(res.body.error.message, /New members cannot post pictures yet/);
  assert.equal((await upload(null, PNG)).status, 401, "anonymous visitors cannot upload");
});

test("anything but a raster picture is refused, naming the field", async () => {
  const html = Buffer.from(
    "<!doctype html><html><body><script>alert(document.cookie)</script></body></html>",
  );
  const renamed = await upload(w.alice, html, "cute-cat.png", "image/png");
  assert.equal(renamed.status, 400, JSON.stringify(renamed.body));
  assert.equal(renamed.body.error.field, "file");
  assert.match(renamed.body.error.message, /PNG, JPEG, GIF or WebP/);

  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  const asSvg = await upload(w.alice, svg, "logo.svg", "image/svg+xml");
  assert.equal(asSvg.status, 400);
  assert.equal(asSvg.body.error.field, "file");

  const pdf = await upload(
    w.alice,
    Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"),
    "manual.pdf",
    "application/pdf",
  );
  assert.equal(pdf.status, 400);
  assert.equal(pdf.body.error.field, "file");

  const huge = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
  const big = await upload(w.alice, huge, "huge.png");
  assert.equal(big.status, 400, JSON.stringify(big.body));
  assert.equal(big.body.error.field, "file");
  assert.match(big.body.error.message, /5 MB/);

  const wrongField = await upload(w.alice, PNG, "a.png", "image/png", "picture");
  assert.equal(wrongField.status, 400);
  assert.equal(wrongField.body.error.field, "file");

  const json = await w.alice.post(`${C}/uploads`, { dataBase64: PNG.toString("base64") });
  assert.equal(json.status, 400);
});

test("the orphaned-files collector removes pictures no post shows and keeps the others", async () => {
  const { ctx } = w.server.runtime;
  const shown = await upload(w.alice, PNG, "shown.png");
  await newTopic(w.alice, w.cats.pub, { body: shown.body.markdown });
  const unused = await upload(w.alice, PNG, "unused.png");
  const keyOf = async (id: string) =>
    (await ctx.pool.query<{ file_key: string }>("select file_key from community_uploads where id = $1", [id]))
      .rows[0]?.file_key;
  const shownKey = (await keyOf(shown.body.id)) as string;
  const unusedKey = (await keyOf(unused.body.id)) as string;
  const file = (key: string) => path.join(ctx.config.dataDir, "files", key);
  const old = new Date(Date.now() - 48 * 3_600_000);
  for (const key of [shownKey, unusedKey]) fs.utimesSync(file(key), old, old);

  await collectOrphanedFiles(ctx, { graceHours: 24 });
  assert.ok(fs.existsSync(file(shownKey)), "a picture a post shows is kept");
  assert.ok(!fs.existsSync(file(unusedKey)), "an unused picture is removed");
  assert.equal(await keyOf(unused.body.id), undefined, "with its row");
  assert.equal((await fetchPicture(w.alice, unused.body.url)).status, 404);
  assert.equal((await fetchPicture(w.anon, shown.body.url)).status, 200);
});
