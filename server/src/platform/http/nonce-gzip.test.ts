import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gunzipSync } from "node:zlib";
import { NONCE_PLACEHOLDER } from "./csp-nonce.ts";
import { noncedGzip, prepareNoncedGzip } from "./nonce-gzip.ts";

describe("a cached page's gzip with a fresh nonce", () => {
  it("unzips to the page with the nonce in every placeholder, for any nonce", async () => {
    const body = "<p>Grüße ✓</p>".repeat(5000);
    const html = `<html><head><script nonce="${NONCE_PLACEHOLDER}">x()</script></head><body>${body}<script nonce="${NONCE_PLACEHOLDER}" type="application/json">{}</script></body></html>`;
    const page = await prepareNoncedGzip(html);
    for (const nonce of ["AAAAAAAAAAAAAAAAAAAAAA==", "zZ9+/Q1w2e3r4t5y6u7i8o=="]) {
      const zipped = noncedGzip(page, nonce);
      assert.equal(gunzipSync(zipped).toString("utf8"), html.split(NONCE_PLACEHOLDER).join(nonce));
      // Still compressed: the repeated body shrinks to a small fraction.
      assert.ok(zipped.length < Buffer.byteLength(html) / 10, `${zipped.length} bytes`);
    }
  });

  it("handles a page with no placeholder and one that starts or ends with one", async () => {
    for (const html of ["plain", `${NONCE_PLACEHOLDER}middle${NONCE_PLACEHOLDER}`, ""]) {
      const zipped = noncedGzip(await prepareNoncedGzip(html), "n0nce");
      assert.equal(gunzipSync(zipped).toString("utf8"), html.split(NONCE_PLACEHOLDER).join("n0nce"));
    }
  });
});
