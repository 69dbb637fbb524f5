import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { sendRaw } from "../../../test/mail.ts";

let server: TestServer;
let admin: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(() => server.close());

const HOSTILE_LINKS = [
  '<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">invoice</a></p>',
  '<p><a href="DATA:text/html,<script>alert(1)</script>">receipt</a></p>',
  '<p><a href="javascript:alert(1)">js</a> <a href="  jav&#x09;ascript:alert(2)">tabbed</a></p>',
  '<p><a href="vbscript:msgbox(1)">vb</a></p>',
  '<p><a href="https://example.com/help">help</a> <a href="mailto:help@example.com">mail</a></p>',
  '<p><img src="cid:logo@x" alt="logo"> <img src="https://tracker.example/p.gif" alt="pixel">',
  '<img alt="forged" data-remote-src="javascript:alert(3)" data-cid="../../etc"></p>',
].join("\n");

test("links in stored email HTML lead only to http(s), mailto or cid: data:, javascript: and vbscript: are dropped", async () => {
  const raw = [
    "From: Mallory <mallory@example.net>",
    "To: support@localhost",
    "Subject: Hostile links in HTML",
    "Message-ID: <hostile-links-1@example.net>",
    "MIME-Version: 1.0",
    'Content-Type: text/html; charset="utf-8"',
    "",
    HOSTILE_LINKS,
    "",
  ].join("\r\n");
  await sendRaw(server.runtime.ctx.config.smtpPort, raw);
  const c = await eventually(async () => {
    const res = await admin.get("/api/v1/cases?status=all&q=Hostile");
    return res.body.items.find((x: { subject: string }) => x.subject === "Hostile links in HTML");
  });
  const [m] = (await admin.get(`/api/v1/cases/${c.id}/messages`)).body.items;
  const html: string = m.email.html;

  assert.doesNotMatch(html, /data:/i, "no data: URL in any link");
  assert.doesNotMatch(html, /javascript|vbscript/i);
  assert.match(html, /<a href="https:\/\/example\.com\/help"/, "ordinary links stay");
  assert.match(html, /<a href="mailto:help@example\.com"/);
  assert.match(html, />invoice<\/a>/, "the link text stays, without the href");
  assert.match(html, /data-cid="logo@x"/, "inline images still resolve");
  assert.match(html, /data-remote-src="https:\/\/tracker\.example\/p\.gif"/, "remote images still wait");
  assert.doesNotMatch(html, /\.\.\/\.\./, "a sender cannot forge the disarmed-image attributes");

  // What was stored is what is served: the database row holds the same clean HTML.
  const { rows } = await server.runtime.ctx.pool.query("select body_html from messages where id = $1", [
    m.id,
  ]);
  assert.doesNotMatch(rows[0].body_html, /data:text|javascript:|vbscript:/i);
});
