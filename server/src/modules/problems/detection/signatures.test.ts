import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { codesIn, extractSignatures, signatureLabel, snapshotSignature } from "./signatures.ts";

const sigs = (text: string) => extractSignatures({ texts: [text] });

describe("error signatures", () => {
  test("every usual way of writing one code gives the same signature", () => {
    for (const text of [
      "My speaker shows Error 1013 after the update",
      "error code: 1013 again",
      "Got E1013 on the display",
      "it says err 1013",
      "ERROR #1013",
      "error no. 1013 keeps coming back",
      "Fehlermeldung: ERR_1013",
      "the app reports error=1013.",
      "Error code 01013",
    ]) {
      assert.deepEqual(sigs(text), ["code:1013"], text);
    }
  });

  test("hex codes are kept whole and lower-cased", () => {
    assert.deepEqual(sigs("Windows update fails with 0x80070005 (access denied)"), ["hex:0x80070005"]);
    assert.deepEqual(sigs("Error 0X80070005"), ["hex:0x80070005"]);
  });

  test("years, prices, phone and order numbers and versions are not codes", () => {
    for (const text of [
      "I bought it in 2019 and it worked until March 2024",
      "I was charged $10.13 twice, order #104233",
      "Call me back on 555-1013 or +1 415 555 0199",
      "Order number 1013 never arrived",
      "After updating to version 12.2 the app crashes",
      "Since firmware 4.1013 the speaker is quiet",
      "My zip code is 10013 and the promo code 2024 did not work",
      "Invoice INV-2024-1013 is wrong",
      "The error started on 12/10/2023",
      "there was an error 12.2 seconds into the song",
      "Model E300X keeps rebooting",
    ]) {
      assert.deepEqual(sigs(text), [], text);
    }
  });

  test("several codes in one case are all kept, once each", () => {
    assert.deepEqual(
      extractSignatures({ texts: ["Error 1013", "then E1013 and later 0x80004005, error code 52"] }),
      ["code:1013", "code:52", "hex:0x80004005"],
    );
  });

  test("a changed error key in a snapshot is a signature; an all-clear value is not", () => {
    assert.equal(snapshotSignature({ path: "status.error_code", after: 1013 }), "snapshot:error_code=1013");
    assert.equal(snapshotSignature({ path: "lastError", after: "DNS_FAIL" }), "snapshot:lasterror=dns_fail");
    assert.equal(
      snapshotSignature({ path: "err", after: "disk/full? #2" }),
      "snapshot:err=disk_full_2",
      "URL-safe",
    );
    assert.equal(snapshotSignature({ path: "status.error_code", after: 0 }), undefined);
    assert.equal(snapshotSignature({ path: "wifi.signal_dbm", after: -70 }), undefined);
    assert.equal(snapshotSignature({ path: "terror_level", after: 3 }), undefined);
  });

  test("workspace patterns add their own signatures", () => {
    const patterns = [{ slug: "psu", matches: (t: string) => t.match(/PSU-[A-Z]\d+/g) ?? [] }];
    assert.deepEqual(extractSignatures({ texts: ["Fault PSU-F3 on boot"], patterns }), [
      "pattern:psu:psu-f3",
    ]);
  });

  test("labels read like the customer wrote them", () => {
    assert.equal(signatureLabel("code:1013"), "Error 1013");
    assert.equal(signatureLabel("hex:0x80070005"), "Error 0x80070005");
    assert.deepEqual(codesIn("no codes here"), []);
  });
});
