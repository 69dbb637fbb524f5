import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { inspect } from "node:util";
import { CREDENTIAL, json, type Scripted, scriptedServer, TOKEN, testClient } from "./client.testkit.ts";
import { AttachmentTooLarge, ZendeskError } from "./client.ts";

/**
 * Attachment downloads: Zendesk's content_url answers with a redirect to its file host. The
 * bytes come back under the size cap, a bigger file is cut off while streaming (not read whole
 * first), and the API credentials never travel to another host.
 */
let zendesk: Scripted;
let files: Scripted;
let bigStreamFinished: boolean | null = null;
let flaky = 0;

before(async () => {
  files = await scriptedServer((url, _req, res) => {
    if (url.pathname === "/files/photo.png") {
      res.writeHead(200, { "content-type": "image/png" }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      return;
    }
    json(res, 404, { error: "not found" });
  });
  zendesk = await scriptedServer((url, req, res) => {
    switch (url.pathname) {
      case "/attachments/token/t1/":
        res.writeHead(302, { location: `${files.url}/files/photo.png?sig=1` }).end();
        return;
      case "/attachments/token/same/":
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("hello");
        return;
      case "/attachments/token/stated/":
        res
          .writeHead(200, { "content-type": "application/pdf", "content-length": "5000" })
          .end(Buffer.alloc(5000));
        return;
      case "/attachments/token/streamed/": {
        // No length given; 20 chunks of 600 bytes, slowly: the client must stop reading early.
        bigStreamFinished = null;
        res.writeHead(200, { "content-type": "application/zip" });
        let sent = 0;
        const timer = setInterval(() => {
          if (res.destroyed) return;
          res.write(Buffer.alloc(600, 1));
          if (++sent === 20) {
            clearInterval(timer);
            res.end();
          }
        }, 15);
        res.on("close", () => {
          clearInterval(timer);
          bigStreamFinished = res.writableFinished;
        });
        return;
      }
      case "/attachments/token/echo/": {
        // A hostile server sends the credentials it received back, in a same-origin redirect.
        const sent = (req.headers.authorization ?? "").replace("Basic ", "");
        res.writeHead(302, { location: `/leak/${sent}/${Buffer.from(sent, "base64").toString()}` }).end();
        return;
      }
      case "/attachments/token/flaky/":
        if (++flaky < 3) return json(res, 502, { error: "Bad Gateway" });
        res.writeHead(200, { "content-type": "text/plain" }).end("finally");
        return;
      default:
        json(res, 404, { error: "RecordNotFound", description: "Not found" });
    }
  });
});
after(async () => {
  await zendesk.close();
  await files.close();
});

describe("Zendesk attachment downloads", () => {
  test("a content_url on the account gets the credentials; its redirect to another host does not", async () => {
    zendesk.requests.length = 0;
    files.requests.length = 0;
    const { client } = testClient(zendesk);
    const got = await client.download(`${zendesk.url}/attachments/token/t1/?name=photo.png`, 1000);
    assert.deepEqual([...got.bytes], [0x89, 0x50, 0x4e, 0x47]);
    assert.equal(got.contentType, "image/png");
    assert.equal(zendesk.requests[0]?.authorization, `Basic ${CREDENTIAL}`);
    assert.equal(files.requests.length, 1);
    assert.equal(files.requests[0]?.authorization, undefined, "no credentials to the file host");

    const same = await client.download(`${zendesk.url}/attachments/token/same/`, 1000);
    assert.equal(same.bytes.toString(), "hello");
    assert.equal(same.contentType, "text/plain; charset=utf-8");
  });

  test("a file above the limit is refused by its stated length", async () => {
    const { client } = testClient(zendesk);
    await assert.rejects(
      client.download(`${zendesk.url}/attachments/token/stated/`, 1000),
      (err: Error) => err instanceof AttachmentTooLarge && /1000-byte size limit/.test(err.message),
    );
  });

  test("a file without a length is cut off once it passes the limit, not read to the end", async () => {
    const { client } = testClient(zendesk);
    await assert.rejects(
      client.download(`${zendesk.url}/attachments/token/streamed/`, 2000),
      (err: Error) => err instanceof AttachmentTooLarge,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(bigStreamFinished, false, "the transfer was aborted before the server finished sending");
  });

  test("a server that echoes the credentials into a redirect finds them in no error", async () => {
    const { client, logs } = testClient(zendesk);
    const err = await client
      .download(`${zendesk.url}/attachments/token/echo/`, 1000)
      .catch((e: unknown) => e);
    assert.ok(err instanceof ZendeskError && err.status === 404, String(err));
    const seen = [
      err.message,
      err.stack ?? "",
      JSON.stringify(err),
      inspect(err, { showHidden: true }),
      ...logs,
    ].join("\n");
    assert.ok(!seen.includes(TOKEN) && !seen.includes(CREDENTIAL), seen.slice(0, 400));
  });

  test("a 502 from the file host is retried", async () => {
    flaky = 0;
    const { client } = testClient(zendesk);
    const got = await client.download(`${zendesk.url}/attachments/token/flaky/`, 1000);
    assert.equal(got.bytes.toString(), "finally");
    assert.equal(flaky, 3);
  });

  test("only http(s) URLs are fetched, and private addresses only when allowed", async () => {
    const { client } = testClient(zendesk);
    await assert.rejects(
      client.download("file:///etc/passwd", 1000),
      (err: Error) => err instanceof ZendeskError && /http or https/.test(err.message),
    );
    const missing = await client
      .download(`${zendesk.url}/attachments/token/gone/`, 1000)
      .catch((e: unknown) => e);
    assert.ok(missing instanceof ZendeskError && missing.status === 404, String(missing));

    files.requests.length = 0;
    const strict = testClient(zendesk, { allowPrivate: false }).client;
    await assert.rejects(strict.download(`${files.url}/files/photo.png`, 1000), /internal address/);
    assert.equal(files.requests.length, 0);
  });
});
