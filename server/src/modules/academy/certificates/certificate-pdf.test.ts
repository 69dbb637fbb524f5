import assert from "node:assert/strict";
import { test } from "node:test";
import { PDFDocument } from "pdf-lib";
import { certificatePdf } from "./certificate-pdf.ts";

/** The PDF itself: any learner name prints (the standard fonts know Latin-1 only), long titles fit. */
const facts = {
  title: "Getting the most from your speakers",
  issuedAt: new Date("2026-11-27T10:00:00Z"),
  code: "ABCD-EFGH-JKLM-NPQR",
  verifyUrl: "https://support.example.test/academy/verify/ABCD-EFGH-JKLM-NPQR",
  workspaceName: "Acme Audio",
  revoked: false,
};

test("names beyond Latin-1 still give a certificate, and the metadata keeps the name as given", async () => {
  for (const learnerName of ["Zoë Ångström", "Łukasz Żółć", "李小龙", "Ωmega 🎧 Fan"]) {
    const bytes = await certificatePdf({ ...facts, learnerName });
    const pdf = await PDFDocument.load(bytes);
    assert.equal(pdf.getPageCount(), 1);
    assert.equal(pdf.getAuthor(), learnerName);
    assert.match(pdf.getSubject() ?? "", /ABCD-EFGH-JKLM-NPQR/);
  }
});

test("a very long title still renders on one page", async () => {
  const bytes = await certificatePdf({
    ...facts,
    learnerName: "Ada",
    title: "Networking ".repeat(18).trim(),
  });
  assert.equal((await PDFDocument.load(bytes)).getPageCount(), 1);
});
