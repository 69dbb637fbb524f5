import type { AgentProfile, AgentProfileInput, CaseAgent } from "../../../../contracts/profiles.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError, notFound } from "../../platform/http/errors.ts";
import { imageUrl } from "../../platform/images.ts";
import { audit } from "../audit/audit.ts";
import { assertCanSeeCase } from "../cases/cases.policy.ts";
import { findCase } from "../cases/cases.repo.ts";
import { agentPersonality, caseAgentId, findProfile, type ProfileRow } from "./profiles.repo.ts";

type Ctx = Pick<AppContext, "db">;

const isAdmin = (actor: Actor) => actor.permissions.includes("workspace.manage");
/** `me` or a membership id. */
const targetOf = (actor: Actor, id: string) => (id === "me" ? actor.membershipId : id);

function present(r: ProfileRow): AgentProfile {
  return {
    id: r.membershipId,
    displayName: r.displayName ?? r.name,
    bio: r.bio ?? "",
    languages: r.languages ?? [],
    signOff: r.signOff ?? "",
    avatarUrl: imageUrl(`/api/v1/agents/${r.membershipId}/photo`, r.avatarKey),
  };
}

async function profileOr404(scope: TenantScope, membershipId: string) {
  const row = await findProfile(scope, membershipId);
  if (!row) throw notFound("Agent");
  return row;
}

export async function getProfile(ctx: Ctx, actor: Actor, id: string) {
  return present(await profileOr404(new TenantScope(ctx.db, actor.workspaceId), targetOf(actor, id)));
}

/** The agent edits their own profile; admins may edit anyone's. Nothing else may. */
export async function putProfile(ctx: Ctx, actor: Actor, id: string, input: AgentProfileInput) {
  const target = targetOf(actor, id);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await profileOr404(scope, target);
    if (target !== actor.membershipId && !isAdmin(actor))
      throw new AppError("forbidden", "Only the agent or an admin may change this profile");
    const values = {
      display_name: input.displayName,
      bio: input.bio ?? "",
      languages: [...new Set(input.languages)],
      sign_off: input.signOff ?? "",
      updated_at: new Date(),
    };
    await scope
      .insertInto("agent_profiles", { membership_id: target, ...values })
      .onConflict((oc) => oc.columns(["workspace_id", "membership_id"]).doUpdateSet(values))
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "agent_profile.updated",
      subjectType: "membership",
      subjectId: target,
      data: { displayName: input.displayName },
    });
    return present(await profileOr404(scope, target));
  });
}

/** The picture bytes' place and type, for staff reading a colleague's profile. */
export async function agentPhoto(ctx: Ctx, actor: Actor, id: string) {
  const row = await profileOr404(new TenantScope(ctx.db, actor.workspaceId), targetOf(actor, id));
  if (!row.avatarKey || !row.avatarType) throw notFound("Picture");
  return { key: row.avatarKey, type: row.avatarType };
}

/** What the case's customer (or staff) sees of the agent on it: display name and photo. */
export async function caseAgent(
  ctx: Ctx,
  actor: Actor,
  caseId: string,
): Promise<CaseAgent & { photo?: ProfileRow }> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await findCase(scope, caseId);
  await assertCanSeeCase(scope, actor, c?.customerId);
  const agentId = await caseAgentId(scope, caseId);
  const row = agentId ? await findProfile(scope, agentId) : undefined;
  if (!row) return { agent: null };
  return {
    agent: {
      displayName: row.displayName ?? row.name,
      avatarUrl: imageUrl(`/api/v1/cases/${caseId}/agent/photo`, row.avatarKey),
    },
    photo: row,
  };
}

export async function getPeopleSettings(ctx: Ctx, actor: Actor) {
  return { agentPersonality: await agentPersonality(new TenantScope(ctx.db, actor.workspaceId)) };
}

export async function putPeopleSettings(ctx: Ctx, actor: Actor, input: { agentPersonality: boolean }) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await scope
      .insertInto("agent_people_settings", { agent_personality: input.agentPersonality })
      .onConflict((oc) =>
        oc
          .column("workspace_id")
          .doUpdateSet({ agent_personality: input.agentPersonality, updated_at: new Date() }),
      )
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "agent_personality.changed",
      subjectType: "workspace",
      subjectId: actor.workspaceId,
      data: input,
    });
  });
  return input;
}
