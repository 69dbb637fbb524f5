import assert from "node:assert/strict";
import { test } from "node:test";
import { CsvSyntaxError, parseCsv } from "./csv.ts";

test("records keep the line they start on, past blank lines, a byte-order mark and quoted line breaks", () => {
  const text = '\ufeffcustomer,event\r\n\r\n"Kim\r\nLee, Ltd",churned\n"say ""hi""",renewed\n';
  assert.deepEqual(parseCsv(text), [
    { line: 1, fields: ["customer", "event"] },
    { line: 3, fields: ["Kim\nLee, Ltd", "churned"] },
    { line: 5, fields: ['say "hi"', "renewed"] },
  ]);
});

test("a broken quote names its line", () => {
  assert.throws(
    () => parseCsv('customer,event\n,"subscribed\n'),
    (err: unknown) => err instanceof CsvSyntaxError && err.line === 2,
  );
});
