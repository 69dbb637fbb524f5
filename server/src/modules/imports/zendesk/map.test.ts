import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { importNumberOf } from "../../search/import-number.ts";
import { commentsOf } from "./map-comments.ts";
import { mapField } from "./map-fields.ts";
import { mapTicket } from "./map-tickets.ts";
import { mapUser } from "./map-users.ts";
import { audit, comment, ticket, ticketField, user } from "./test-pages.ts";

describe("Zendesk mapping (pure)", () => {
  test("statuses map to Rapport's; deleted and unknown ones are reasons", () => {
    const status = (s: string) => {
      const m = mapTicket(ticket({ id: 1, requester_id: 2, status: s as never }), new Map());
      return "skip" in m ? `skip: ${m.skip}` : m.status;
    };
    assert.deepEqual(
      ["new", "open", "pending", "hold", "solved", "closed", "deleted", "escalated"].map(status),
      [
        "new",
        "open",
        "pending",
        "on_hold",
        "solved",
        "closed",
        "skip: deleted ticket",
        'skip: unknown ticket status "escalated"',
      ],
    );
  });

  test("channels, priorities and the subject: never cut, never empty", () => {
    const m = mapTicket(
      ticket({
        id: 1,
        requester_id: 2,
        via: { channel: "voice" },
        priority: null,
        subject: "x".repeat(5000),
      }),
      new Map(),
    );
    assert.ok(!("skip" in m));
    assert.equal(m.channel, "phone");
    assert.equal(m.priority, "normal");
    assert.equal(m.subject.length, 5000);
    const blank = mapTicket(
      ticket({ id: 1, requester_id: 2, subject: "  ", via: { channel: "sample_ticket" } }),
      new Map(),
    );
    assert.ok(!("skip" in blank));
    assert.equal(blank.subject, "(no subject)");
    assert.equal(blank.channel, "api");
  });

  test("custom fields are named by their definitions, empty values dropped", () => {
    const m = mapTicket(
      ticket({
        id: 1,
        requester_id: 2,
        custom_fields: [
          { id: 5, value: "SN-1" },
          { id: 6, value: null },
          { id: 7, value: true },
        ],
      }),
      new Map([["5", "Serial"]]),
    );
    assert.ok(!("skip" in m));
    assert.deepEqual(m.data.customFields, { Serial: "SN-1", "7": true });
  });

  test("users: identities normalised, bad ones left out, deleted users keep no identities", () => {
    const m = mapUser(
      user({ id: 1, name: " Ana ", email: "ANA@Example.COM", phone: "212 555 0199", external_id: "x-1" }),
      [
        { id: 1, user_id: 1, type: "email", value: "not an email", verified: false, primary: false },
        {
          id: 2,
          user_id: 1,
          type: "phone_number",
          value: "+44 20 7946 0958",
          verified: true,
          primary: false,
        },
        { id: 3, user_id: 1, type: "twitter", value: "@ana", verified: true, primary: false },
      ],
      "US",
    );
    assert.ok("customer" in m);
    assert.equal(m.customer.name, "Ana");
    assert.deepEqual(
      m.customer.identities.map((i) => `${i.kind}:${i.value}`),
      ["email:ana@example.com", "phone:+12125550199", "phone:+442079460958", "external:x-1"],
    );
    const gone = mapUser(user({ id: 2, name: "", email: "x@y.example", active: false }), [], "US");
    assert.ok("customer" in gone);
    assert.deepEqual(gone.customer.identities, []);
    assert.equal(gone.customer.name, "Zendesk user 2");
    assert.deepEqual(mapUser(user({ id: 3, name: "n".repeat(201) }), [], "US"), {
      skip: "user name longer than 200 characters",
    });
    assert.deepEqual(mapUser(user({ id: 4, name: "A", role: "agent" }), [], "US"), {
      skip: "agent without a valid email address",
    });
  });

  test("fields: lookup and unknown types are reasons", () => {
    assert.deepEqual(mapField(ticketField({ id: 1, type: "lookup" })), {
      skip: 'field type "lookup" is not imported',
    });
    assert.ok(!("skip" in mapField(ticketField({ id: 1, type: "tagger" }))));
  });

  test("comments: only Comment child events, each once, malformed ones reported", () => {
    const { comments, skips } = commentsOf([
      audit(1, 10, [comment({ id: 5, author_id: 1 })]),
      audit(1, 10, [comment({ id: 5, author_id: 1 })]),
      {
        ...audit(2, 10, []),
        child_events: [
          { id: 6, event_type: "Change", field_name: "status" },
          {
            id: 7,
            event_type: "Comment",
            author_id: 1,
            body: null,
            html_body: null,
            public: true,
            attachments: [],
          },
        ],
      } as never,
    ]);
    assert.deepEqual(
      comments.map((c) => c.externalId),
      ["5"],
    );
    assert.deepEqual(skips, [{ externalId: "7", outcome: "skipped", reason: "comment without a body" }]);
  });

  test("original numbers as people type them", () => {
    assert.deepEqual(
      ["4411", "#4411", "ZD-4411", "zd 4411", "ZD#4411", "Zendesk 4411", "zd4411", "4411x", "ZD-", "abc"].map(
        importNumberOf,
      ),
      ["4411", "4411", "4411", "4411", "4411", "4411", "4411", undefined, undefined, undefined],
    );
  });
});
