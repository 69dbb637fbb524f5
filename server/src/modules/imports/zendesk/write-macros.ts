import type { TenantScope } from "../../../platform/db/tenant.ts";
import { localIds, rememberIds, zdTime, zid } from "./extras-ids.ts";
import { macroText } from "./macro-text.ts";
import { mapPlaceholders } from "./map-placeholders.ts";
import type { Page } from "./resources.ts";
import type { ResourceWriter, Skip, WriteOutcome } from "./writer.ts";
import type { ZdMacro } from "./zendesk-types.ts";

/**
 * Zendesk macros → Rapport snippets (issue #24).
 *
 * Where a macro goes: Rapport has personal snippets and team snippets, no workspace-wide ones
 * (migration 0039). A macro restricted to a Zendesk group becomes a snippet of that group's
 * team. A macro shared with everyone (restriction null) becomes a snippet of one team made for
 * them, "Shared macros (Zendesk)" (admins see it at once; agents once added to the team).
 * A macro restricted to a Zendesk user is placed there too, with a note, since imported staff
 * are only invited and have no membership to own a personal snippet yet; a group that was not
 * imported likewise.
 *
 * What goes in: the title, and the comment text with Zendesk placeholders renamed to
 * Rapport's (map-placeholders.ts). Each placeholder left as written and each action a snippet
 * cannot hold (status, tags, assignee…) is listed in the run's report (outcome "skipped",
 * naming it) while the snippet itself is imported. Inactive macros and macros without comment
 * text are skipped. Macros are few: one statement per macro, for clarity. Idempotent through
 * import_ids kind "macro"; a delta updates the snippet (recreated if someone deleted it).
 */

export const SHARED_MACROS_TEAM = "Shared macros (Zendesk)";
const MAX_TITLE = 120; // snippets.title (migration 0039)
const MAX_BODY = 10_000; // snippets.body

type Placement = { kind: "team"; teamId: string } | { kind: "shared" };
type Plan = {
  ext: string;
  title: string;
  body: string;
  placement: Placement;
  createdAt: Date;
  updatedAt: Date;
  snippetId: string | null;
};

/** A dry run has no teams for the account's groups yet: it assumes each group becomes one. */
async function plan(scope: TenantScope, source: string, macros: ZdMacro[], dry = false) {
  const skips: Skip[] = [];
  const note = (externalId: string, reason: string) => skips.push({ externalId, outcome: "skipped", reason });
  const candidates: Array<{ ext: string; m: ZdMacro }> = [];
  for (const m of macros) {
    const ext = zid(m?.id);
    if (!ext || typeof m.title !== "string") {
      skips.push({
        externalId: String(m?.id ?? "?"),
        outcome: "failed",
        reason: "macro without a valid id or title",
      });
      continue;
    }
    if (m.active === false) {
      note(ext, "macro inactive in Zendesk: not imported");
      continue;
    }
    candidates.push({ ext, m });
  }
  const groupIds = candidates.flatMap(({ m }) =>
    m.restriction?.type === "Group"
      ? [...(m.restriction.ids ?? []), m.restriction.id].flatMap((g) => zid(g) ?? [])
      : [],
  );
  const [teams, done] = await Promise.all([
    localIds(scope, source, "group", groupIds),
    localIds(
      scope,
      source,
      "macro",
      candidates.map((c) => c.ext),
    ),
  ]);
  const plans: Plan[] = [];
  for (const { ext, m } of candidates) {
    const { text, otherActions } = macroText(m);
    if (!text) {
      note(
        ext,
        `macro without comment text (only ${otherActions.join(", ") || "no actions"}): not a snippet`,
      );
      continue;
    }
    for (const action of otherActions)
      note(ext, `macro action not mapped (snippets hold text only): ${action}`);
    const mapped = mapPlaceholders(text);
    for (const p of mapped.unmapped) note(ext, `placeholder ${p} has no Rapport equivalent: left as written`);
    let body = mapped.text;
    if (body.length > MAX_BODY) {
      note(ext, `text of ${body.length} characters cut to ${MAX_BODY} (a snippet's limit)`);
      body = `${body.slice(0, MAX_BODY - 1)}…`;
    }
    let title = m.title.trim() || `Zendesk macro ${ext}`;
    if (title.length > MAX_TITLE) title = `${title.slice(0, MAX_TITLE - 1)}…`;
    let placement: Placement = { kind: "shared" };
    const r = m.restriction;
    if (r?.type === "Group") {
      const groups = [...(r.ids ?? []), r.id].flatMap((g) => zid(g) ?? []);
      const teamId = groups.map((g) => teams.get(g)).find(Boolean);
      if (teamId) {
        placement = { kind: "team", teamId };
        if (new Set(groups).size > 1)
          note(ext, `macro for several Zendesk groups: a snippet of one team only`);
      } else if (!dry)
        note(ext, `macro for Zendesk group ${groups.join(", ")}, which was not imported: shared instead`);
    } else if (r?.type === "User") {
      note(ext, `macro for Zendesk user ${r.id}, who is only invited in Rapport: shared instead`);
    }
    const createdAt = zdTime(m.created_at) ?? new Date();
    plans.push({
      ext,
      title,
      body,
      placement,
      createdAt,
      updatedAt: zdTime(m.updated_at) ?? createdAt,
      snippetId: done.get(ext) ?? null,
    });
  }
  return { plans, skips };
}

/** The team shared macros live in: made once per account, or an existing team of that name. */
async function sharedTeam(scope: TenantScope, source: string): Promise<{ id: string; made: boolean }> {
  const known = (await localIds(scope, source, "macro_team", ["shared"])).get("shared");
  const named = await scope
    .selectFrom("teams")
    .select("id")
    .where((eb) =>
      eb.or([
        eb("id", "=", known ?? "00000000-0000-0000-0000-000000000000"),
        eb("name", "=", SHARED_MACROS_TEAM),
      ]),
    )
    .orderBy(known ? "id" : "name")
    .execute();
  const found = named.find((t) => t.id === known) ?? named[0];
  let id = found?.id;
  if (!id) {
    id = (
      await scope.insertInto("teams", { name: SHARED_MACROS_TEAM }).returning("id").executeTakeFirstOrThrow()
    ).id;
  }
  if (id !== known) await rememberIds(scope, source, "macro_team", [{ externalId: "shared", localId: id }]);
  return { id, made: !found };
}

async function write(scope: TenantScope, source: string, plans: Plan[], skips: Skip[]) {
  const alive = new Set(
    plans.some((p) => p.snippetId)
      ? (
          await scope
            .selectFrom("snippets")
            .select("id")
            .where(
              "id",
              "in",
              plans.flatMap((p) => p.snippetId ?? []),
            )
            .execute()
        ).map((r) => r.id)
      : [],
  );
  let shared: string | null = null;
  let created = 0;
  let updated = 0;
  const remembered: Array<{ externalId: string; localId: string }> = [];
  for (const p of plans) {
    let teamId: string;
    if (p.placement.kind === "team") teamId = p.placement.teamId;
    else {
      if (!shared) {
        const team = await sharedTeam(scope, source);
        shared = team.id;
        if (team.made)
          skips.push({
            externalId: p.ext,
            outcome: "skipped",
            reason: `shared macros became snippets of the new team "${SHARED_MACROS_TEAM}": add agents to it to offer them`,
          });
      }
      teamId = shared;
    }
    const values = { title: p.title, body: p.body, team_id: teamId, owner_id: null, updated_at: p.updatedAt };
    if (p.snippetId && alive.has(p.snippetId)) {
      await scope.updateTable("snippets").set(values).where("id", "=", p.snippetId).execute();
      updated++;
    } else {
      const row = await scope
        .insertInto("snippets", { ...values, created_at: p.createdAt })
        .returning("id")
        .executeTakeFirstOrThrow();
      remembered.push({ externalId: p.ext, localId: row.id });
      if (p.snippetId) updated++;
      else created++;
    }
  }
  await rememberIds(scope, source, "macro", remembered);
  return { created, updated };
}

export const macrosWriter: ResourceWriter<"macros"> = {
  resource: "macros",
  async assess(scope, source, page: Page<"macros">): Promise<WriteOutcome> {
    const { plans, skips } = await plan(scope, source, page.records, true);
    const updated = plans.filter((p) => p.snippetId).length;
    return { created: plans.length - updated, updated, skips };
  },
  async write(ctx, page) {
    const { plans, skips } = await plan(ctx.scope, ctx.source, page.records);
    const counts = await write(ctx.scope, ctx.source, plans, skips);
    return { ...counts, skips };
  },
};
