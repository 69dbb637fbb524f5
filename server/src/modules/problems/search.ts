import type { ProblemStatus } from "../../../../contracts/problems.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { escapeLike } from "./problems.repo.ts";
import { parseProblemQuery } from "./problems.service.ts";

/**
 * Problems for the global search box: "P-12" (or "12") by number, otherwise words of the
 * title (trigram-indexed). Open problems first, then the most recently changed.
 */
export async function searchBoxProblems(scope: TenantScope, q: string, limit: number) {
  const { number, words } = parseProblemQuery(q);
  if (!words || words.length < 2) return [];
  const rows = await scope
    .selectFrom("problems")
    .select(["id", "number", "title", "status"])
    .where((eb) =>
      eb.or([
        ...(number !== undefined ? [eb("number", "=", number)] : []),
        eb(eb.fn("lower", ["title"]), "like", `%${escapeLike(words.toLowerCase())}%`),
      ]),
    )
    .orderBy((eb) => eb.case().when("status", "=", "closed").then(1).else(0).end())
    .orderBy("updated_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    title: r.title,
    status: r.status as ProblemStatus,
  }));
}
