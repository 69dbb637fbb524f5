import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  assertSilent,
  assessPage,
  importedCase,
  type Kit,
  mapId,
  newCustomer,
  newTeam,
  startKit,
  writePage,
} from "./extras.testkit.ts";
import { mapPlaceholders } from "./map-placeholders.ts";
import { macrosWriter, SHARED_MACROS_TEAM } from "./write-macros.ts";
import type { ZdMacro } from "./zendesk-types.ts";

let kit: Kit;
before(async () => {
  kit = await startKit();
});
after(async () => {
  await kit.server.close();
});

function macro(id: number, over: Partial<ZdMacro> = {}): ZdMacro {
  return {
    id,
    title: `Macro ${id}`,
    description: null,
    active: true,
    actions: [{ field: "comment_value", value: `Text of macro ${id}` }],
    restriction: null,
    created_at: "2023-05-01T10:00:00Z",
    updated_at: "2023-06-01T10:00:00Z",
    ...over,
  };
}

type Snippet = {
  id: string;
  title: string;
  body: string;
  teamId: string | null;
  teamName: string | null;
  placeholders: string[];
};
async function snippets(): Promise<Snippet[]> {
  const res = await kit.admin.get("/api/v1/snippets");
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items;
}
const byTitle = async (title: string) => (await snippets()).filter((s) => s.title === title);

describe("Zendesk placeholders", () => {
  test("known ones become Rapport's, others stay as written and are listed", () => {
    const out = mapPlaceholders(
      "Hi {{ticket.requester.first_name}}, #{{ ticket.id }} by {{current_user.name}}: {{ticket.url}} {{dc.sig}} {% if ticket.status %}",
    );
    assert.equal(
      out.text,
      "Hi {{customer.first_name}}, #{{case.number}} by {{agent.name}}: {{ticket.url}} {{dc.sig}} {% if ticket.status %}",
    );
    assert.deepEqual(out.unmapped, ["{{ticket.url}}", "{{dc.sig}}", "{% if ticket.status %}"]);
  });
});

describe("macros → snippets", () => {
  test("a shared HTML macro becomes a team snippet: sanitised text, placeholders mapped and reported, actions reported", async () => {
    const m = macro(1, {
      title: "Refund sent",
      actions: [
        {
          field: "comment_value_html",
          value:
            '<p>Hello {{ticket.requester.first_name}},</p><p>your refund for ticket {{ticket.id}} is on its way.<script>alert(1)</script><img src=x onerror="alert(2)"></p><ul><li>Track it: {{ticket.url}}</li></ul><p>&lt;3 {{current_user.first_name}}</p>',
        },
        { field: "status", value: "solved" },
        { field: "set_tags", value: "refund" },
      ],
    });
    const dry = await assessPage(kit, macrosWriter, [m]);
    assert.equal(dry.created, 1);
    assert.equal((await byTitle("Refund sent")).length, 0, "a dry run writes nothing");

    const out = await writePage(kit, macrosWriter, [m]);
    assert.equal(out.created, 1);
    const reasons = out.skips.map((s) => s.reason);
    assert.ok(reasons.includes("placeholder {{ticket.url}} has no Rapport equivalent: left as written"));
    assert.ok(reasons.includes("macro action not mapped (snippets hold text only): status = solved"));
    assert.ok(reasons.includes("macro action not mapped (snippets hold text only): set_tags = refund"));
    assert.ok(
      reasons.some((r) => r.includes(SHARED_MACROS_TEAM)),
      "the admin learns where shared macros went",
    );

    const [s] = await byTitle("Refund sent");
    assert.equal(s?.teamName, SHARED_MACROS_TEAM);
    assert.equal(
      s?.body,
      "Hello {{customer.first_name}},\n\nyour refund for ticket {{case.number}} is on its way.\n\n- Track it: {{ticket.url}}\n\n<3 {{agent.first_name}}",
    );
    assert.doesNotMatch(s?.body ?? "", /script|onerror|alert/);

    // Filled on a case, the mapped placeholders take the case's values; the unmapped one stays.
    const customerId = await newCustomer(kit, "Maria Lopez");
    const c = await importedCase(kit, 700, { customerId });
    const filled = await kit.admin.post(`/api/v1/cases/${c.id}/snippets/${s?.id}/fill`, {});
    assert.equal(filled.status, 200, JSON.stringify(filled.body));
    assert.match(
      filled.body.text,
      new RegExp(`^Hello Maria,\\n\\nyour refund for ticket ${c.number} is on its way`),
    );
    assert.deepEqual(filled.body.missing, ["ticket.url"]);
    await assertSilent(kit);
  });

  test("group, user, inactive and text-less macros", async () => {
    const team = await newTeam(kit, "Returns desk");
    await mapId(kit, "group", 31, team);
    const out = await writePage(kit, macrosWriter, [
      macro(2, { title: "For returns", restriction: { type: "Group", id: 31 } }),
      macro(3, { title: "Mine only", restriction: { type: "User", id: 4242 } }),
      macro(4, { title: "Old one", active: false }),
      macro(5, { title: "Close it", actions: [{ field: "status", value: "closed" }] }),
      macro(6, { title: "Unknown group", restriction: { type: "Group", id: 99 } }),
    ]);
    assert.equal(out.created, 3);
    const reasons = Object.fromEntries(out.skips.map((s) => [s.externalId, s.reason]));
    assert.match(reasons["3"] ?? "", /user 4242, who is only invited in Rapport: shared instead/);
    assert.match(reasons["4"] ?? "", /inactive/);
    assert.match(reasons["5"] ?? "", /without comment text \(only status = closed\)/);
    assert.match(reasons["6"] ?? "", /group 99, which was not imported: shared instead/);
    assert.equal((await byTitle("For returns"))[0]?.teamId, team);
    assert.equal((await byTitle("Mine only"))[0]?.teamName, SHARED_MACROS_TEAM);
    assert.equal((await byTitle("Old one")).length, 0);
    assert.equal((await byTitle("Close it")).length, 0);
  });

  test("the same page twice adds nothing; a delta updates the snippet", async () => {
    const page = [macro(8, { title: "Shipping delay" })];
    await writePage(kit, macrosWriter, page);
    const again = await writePage(kit, macrosWriter, page);
    assert.deepEqual([again.created, again.updated], [0, 1]);
    assert.equal((await byTitle("Shipping delay")).length, 1);
    await writePage(kit, macrosWriter, [
      macro(8, {
        title: "Shipping delay",
        actions: [
          {
            field: "comment_value",
            value: ["channel:all", "Sorry {{ticket.requester.name}}, it ships Monday."],
          },
        ],
      }),
    ]);
    const [s] = await byTitle("Shipping delay");
    assert.equal(s?.body, "Sorry {{customer.name}}, it ships Monday.");
    const teams = await kit.admin.get("/api/v1/teams");
    assert.equal(
      (teams.body.items as Array<{ name: string }>).filter((t) => t.name === SHARED_MACROS_TEAM).length,
      1,
      "one shared team, however many pages",
    );
  });
});
