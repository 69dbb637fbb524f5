import assert from "node:assert/strict";
import type { TestClient } from "../../../../test/client.ts";
import type { Executor } from "../../../platform/db/tenant.ts";
import type { BoardVisibility, IdeaStatus } from "../schema-feedback.ts";

/**
 * Feedback rows written straight into the 0030 tables, for the insight tests: the core's API
 * (ideas, votes, case links) is built in parallel, so these tests do not go through it.
 * Customers and cases are made through the real API.
 */
export function feedbackFixture(db: Executor, workspaceId: string) {
  let n = 0;
  return {
    async board(name: string, visibility: BoardVisibility = "public") {
      n++;
      const b = await db
        .insertInto("feedback_boards")
        .values({
          workspace_id: workspaceId,
          name,
          slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${n}`,
          visibility,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return b.id;
    },
    async idea(
      boardId: string,
      title: string,
      opts: {
        description?: string;
        tags?: string[];
        status?: IdeaStatus;
        createdAt?: Date;
        requesters?: number;
        mergedInto?: string;
      } = {},
    ) {
      n++;
      const status = opts.mergedInto ? "duplicate" : (opts.status ?? "open");
      const i = await db
        .insertInto("feedback_ideas")
        .values({
          workspace_id: workspaceId,
          board_id: boardId,
          title,
          slug: `idea-${n}`,
          description: opts.description ?? "",
          tags: opts.tags ?? [],
          status,
          status_explanation:
            status === "declined" ? "We will not build this because it conflicts with X." : null,
          requester_count: opts.requesters ?? 0,
          merged_into_id: opts.mergedInto ?? null,
          ...(opts.createdAt ? { created_at: opts.createdAt } : {}),
        })
        .returning(["id", "number"])
        .executeTakeFirstOrThrow();
      return i.id;
    },
    async requester(
      ideaId: string,
      customerId: string,
      opts: { byVote?: boolean; byCase?: boolean; at?: Date } = {},
    ) {
      await db
        .insertInto("feedback_requesters")
        .values({
          idea_id: ideaId,
          customer_id: customerId,
          workspace_id: workspaceId,
          by_vote: opts.byVote ?? !opts.byCase,
          by_case: opts.byCase ?? false,
          ...(opts.at ? { first_at: opts.at } : {}),
        })
        .execute();
    },
    async linkCase(ideaId: string, caseId: string, customerId: string, at?: Date) {
      await db
        .insertInto("feedback_idea_cases")
        .values({
          idea_id: ideaId,
          case_id: caseId,
          customer_id: customerId,
          workspace_id: workspaceId,
          ...(at ? { created_at: at } : {}),
        })
        .execute();
    },
    async fact(customerId: string, key: string, value: unknown, superseded = false) {
      await db
        .insertInto("facts")
        .values({
          workspace_id: workspaceId,
          customer_id: customerId,
          key,
          value: JSON.stringify(value),
          superseded_at: superseded ? new Date() : null,
        })
        .execute();
    },
    async settings(weights: Record<string, number>, valueFactKey: string | null) {
      await db
        .insertInto("feedback_settings")
        .values({
          workspace_id: workspaceId,
          score_weights: JSON.stringify(weights),
          value_fact_key: valueFactKey,
          updated_at: new Date(),
        })
        .onConflict((oc) =>
          oc
            .column("workspace_id")
            .doUpdateSet({ score_weights: JSON.stringify(weights), value_fact_key: valueFactKey }),
        )
        .execute();
    },
  };
}

let people = 0;
/** A customer record and, when asked, cases of theirs, made by staff through the API. */
export async function customerWithCases(agent: TestClient, name: string, cases = 0) {
  people++;
  const c = await agent.post("/api/v1/customers", {
    name,
    emails: [`${name.toLowerCase().replace(/\W+/g, ".")}.${people}@example.test`],
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const caseIds: string[] = [];
  for (let k = 0; k < cases; k++) {
    const res = await agent.post("/api/v1/cases", {
      customerId: c.body.id,
      subject: `Request ${k + 1}`,
      message: "As discussed.",
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    caseIds.push(res.body.id);
  }
  return { id: c.body.id as string, caseIds };
}
