import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";
import type { Member } from "./members.ts";

/**
 * What the core asks of the other community parts, without importing them: moderation's
 * spam check and rate limit, reputation's MVP and privilege rules. Each part registers its
 * functions once at startup; until then the defaults below allow everything and hold nothing,
 * so the core works (and is tested) on its own.
 */

export type PostCheck = { hold: boolean; reasons: string[] };
export type Privileges = {
  canPost: boolean;
  canLink: boolean;
  canImage: boolean;
  flagWeight: number;
  postsPerHour: number;
};

type PostChecks = {
  /** Decides whether a new post is held for review (inserted hidden, reason spam). */
  checkNewPost(scope: TenantScope, member: Member, body: string): Promise<PostCheck>;
  /** Throws (429) when the member posts too fast. */
  assertCanPost(scope: TenantScope, member: Member): Promise<void>;
};

type ReputationHooks = {
  isMvp(scope: TenantScope, memberId: string): Promise<boolean>;
  privilegesOf(member: Member): Privileges | Promise<Privileges>;
};

const allowAll: PostChecks = {
  checkNewPost: async () => ({ hold: false, reasons: [] }),
  assertCanPost: async () => {},
};

export const DEFAULT_PRIVILEGES: Privileges = {
  canPost: true,
  canLink: true,
  canImage: true,
  flagWeight: 1,
  postsPerHour: 1000,
};

let postChecks: PostChecks = allowAll;
let reputation: Partial<ReputationHooks> = {};

/** Moderation registers its spam check and rate limit here (once, at startup). */
export function setPostChecks(checks: PostChecks): void {
  postChecks = checks;
}

/** Reputation registers its MVP and privilege rules here (once, at startup). */
export function setReputationHooks(hooks: Partial<ReputationHooks>): void {
  reputation = { ...reputation, ...hooks };
}

export function checkNewPost(scope: TenantScope, member: Member, body: string): Promise<PostCheck> {
  return postChecks.checkNewPost(scope, member, body);
}

export function assertCanPost(scope: TenantScope, member: Member): Promise<void> {
  return postChecks.assertCanPost(scope, member);
}

export async function privilegesOf(member: Member): Promise<Privileges> {
  return reputation.privilegesOf ? await reputation.privilegesOf(member) : DEFAULT_PRIVILEGES;
}

/** MVP now: a term covering this moment. */
export async function isMvp(scope: TenantScope, memberId: string): Promise<boolean> {
  if (reputation.isMvp) return reputation.isMvp(scope, memberId);
  return (await mvpUntilOf(scope, [memberId])).has(memberId);
}

/** Members who are MVPs now, with the end of their current term (one query for a page of authors). */
export async function mvpUntilOf(scope: TenantScope, memberIds: string[]): Promise<Map<string, Date>> {
  const ids = [...new Set(memberIds)];
  if (ids.length === 0) return new Map();
  if (reputation.isMvp) {
    // A registered rule decides; the end of term still comes from the terms themselves.
    const terms = await termEnds(scope, ids);
    const out = new Map<string, Date>();
    for (const id of ids) {
      if (await reputation.isMvp(scope, id)) out.set(id, terms.get(id) ?? new Date());
    }
    return out;
  }
  return termEnds(scope, ids);
}

async function termEnds(scope: TenantScope, ids: string[]): Promise<Map<string, Date>> {
  const { rows } = await sql<{ member_id: string; ends_at: Date }>`
    select member_id, max(ends_at) as ends_at from community_mvp_terms
     where workspace_id = ${scope.workspaceId} and member_id = any(${ids}::uuid[])
       and starts_at <= now() and ends_at > now()
     group by member_id`.execute(scope.db);
  return new Map(rows.map((r) => [r.member_id, new Date(r.ends_at)]));
}
