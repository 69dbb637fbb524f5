import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { casePageSchema } from "../../../../contracts/cases.ts";
import { responseSerializer } from "./serializer.ts";

const route = (schema: z.ZodType) => ({ schema, method: "GET", url: "/x", httpStatus: "200" });

const caseRow = (assigned: boolean) => ({
  id: "6a257416-929e-418a-8cab-4dd2ab136738",
  number: 42,
  subject: "Speaker hums",
  status: "open",
  priority: "normal",
  channel: "email",
  tags: ["vip"],
  customer: { id: "7b257416-929e-418a-8cab-4dd2ab136738", name: "Maria Garcia", organization: null },
  assignee: assigned ? { id: "8c257416-929e-418a-8cab-4dd2ab136738", name: "Ana" } : null,
  team: null,
  createdAt: "2026-11-20T10:00:00.123Z",
  updatedAt: "2026-11-20T10:00:00.123Z",
  lastActivityAt: "2026-11-20T10:00:00.123Z",
  waitingSince: null,
  mergedInto: null,
  // What a query may carry beyond the contract: it must never reach the client.
  cursorAt: "2026-11-20 10:00:00.123456+00",
  passwordHash: "secret",
});

describe("response serializer", () => {
  for (const validate of [false, true]) {
    test(`writes exactly the contract's fields (validate: ${validate})`, () => {
      const write = responseSerializer({ validate })(route(casePageSchema));
      const page = { items: [caseRow(true), caseRow(false)], nextCursor: null, debug: 1 };
      const written = write(page);
      assert.ok(!written.includes("secret") && !written.includes("cursorAt") && !written.includes("debug"));
      const expected = casePageSchema.parse(page);
      assert.deepEqual(JSON.parse(written), expected, "same JSON as zod's own output, nulls included");
    });
  }

  test("a response missing a required field is an error, not a half-written body", () => {
    const write = responseSerializer({ validate: false })(route(casePageSchema));
    const { subject: _, ...broken } = caseRow(true);
    assert.throws(() => write({ items: [broken], nextCursor: null }), /subject/);
  });

  test("outside production a value outside its contract fails before it is written", () => {
    const write = responseSerializer({ validate: true })(route(casePageSchema));
    assert.throws(() => write({ items: [{ ...caseRow(true), status: "lost" }], nextCursor: null }));
  });

  test("a route's serializer is compiled by its first response, once, not when the route is registered", () => {
    // Fastify asks for every route's serializers at start-up; compiling them all then cost an
    // idle process tens of MB for routes it may never answer (issue #25).
    let reads = 0;
    const counted = {
      ...route(casePageSchema),
      get schema() {
        reads++;
        return casePageSchema;
      },
    };
    const write = responseSerializer({ validate: false })(counted);
    assert.equal(reads, 0, "nothing compiled at registration");
    const page = { items: [caseRow(true)], nextCursor: null };
    assert.deepEqual(JSON.parse(write(page)), casePageSchema.parse(page));
    const afterFirst = reads;
    assert.ok(afterFirst > 0);
    assert.equal(write(page), write(page));
    assert.equal(reads, afterFirst, "compiled once, reused after");
  });

  test("schemas JSON Schema cannot express keep zod's serializer", () => {
    const odd = z.object({ at: z.date() });
    const write = responseSerializer({ validate: false })(route(odd));
    assert.equal(write({ at: new Date("2026-01-02T03:04:05.000Z") }), '{"at":"2026-01-02T03:04:05.000Z"}');
  });
});
