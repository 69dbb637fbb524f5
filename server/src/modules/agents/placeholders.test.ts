import assert from "node:assert/strict";
import { test } from "node:test";
import { fill, placeholdersIn } from "./placeholders.ts";

test("placeholders fill from known values; a missing or blank one stays visible and is reported, never an empty gap", () => {
  const values = {
    "customer.first_name": "Maria",
    "fact.address": "1 Main St\nSpringfield",
    "fact.plan": "  ",
  };
  const r = fill(
    "Hi {{customer.first_name}}, we ship to {{ fact.address }} on {{fact.plan}} ({{fact.tier}}).",
    values,
  );
  assert.equal(r.text, "Hi Maria, we ship to 1 Main St\nSpringfield on {{fact.plan}} ({{fact.tier}}).");
  assert.deepEqual(r.missing.sort(), ["fact.plan", "fact.tier"]);
  assert.deepEqual(placeholdersIn("{{Customer.Name}} {{customer.name}} {{case.number}}"), [
    "customer.name",
    "case.number",
  ]);
});
