import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { api, apiParsed } from "../../../api/client.ts";

/**
 * The community API the staff screens call (docs/community-api.md). The shapes are read
 * leniently — only the fields these screens show, extra fields ignored — since the core,
 * reputation and moderation parts own them.
 */
const BASE = "/api/v1/community";
export const communityKey = ["community"] as const;

const memberRef = z.object({
  id: z.string(),
  displayName: z.string(),
  isStaff: z.boolean().optional(),
  isMvp: z.boolean().optional(),
  reputation: z.number().optional(),
});
export type MemberRef = z.infer<typeof memberRef>;

export const visibilities = ["public", "customers", "mvp", "staff"] as const;
const categorySchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string().nullish(),
  productModel: z.string().nullish(),
  visibility: z.enum(visibilities),
  position: z.number().optional(),
  topicCount: z.number().optional(),
});
export type Category = z.infer<typeof categorySchema>;

const topicSummary = z.object({
  id: z.string(),
  number: z.coerce.number(),
  url: z.string(),
  title: z.string(),
  solved: z.boolean().optional(),
  status: z.string().optional(),
  answerCount: z.number().optional(),
  createdAt: z.string().optional(),
});
export type TopicSummary = z.infer<typeof topicSummary>;

const flagGroup = z.object({
  post: z.object({
    id: z.string(),
    body: z.string().optional(),
    excerpt: z.string().optional(),
    topicId: z.string().optional(),
    topicTitle: z.string().optional(),
    topicUrl: z.string().optional(),
    author: memberRef.optional(),
    hidden: z.boolean().optional(),
  }),
  flags: z.array(
    z.object({
      id: z.string(),
      reason: z.string(),
      note: z.string().nullish(),
      weight: z.number().optional(),
      source: z.string().optional(),
      flagger: memberRef.nullish(),
    }),
  ),
  weight: z.number().optional(),
});
export type FlagGroup = z.infer<typeof flagGroup>;

const record = z.object({
  reputation: z.number().optional(),
  acceptedAnswers: z.number().optional(),
  answers: z.number().optional(),
  helpedCount: z.number().optional(),
  deflectedCases: z.number().optional(),
  penalties: z.number().optional(),
});
const nomination = z.object({
  id: z.string(),
  nominee: memberRef,
  nominatedBy: memberRef.nullish(),
  reason: z.string(),
  status: z.string().optional(),
  createdAt: z.string().optional(),
  record: record.optional(),
});
export type Nomination = z.infer<typeof nomination>;
const mvpEntry = z.object({
  member: memberRef,
  mvpUntil: z.string().nullish(),
  endsAt: z.string().nullish(),
});
export type MvpEntry = z.infer<typeof mvpEntry>;

const badge = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  tier: z.enum(["bronze", "silver", "gold"]),
  rule: z.unknown(),
  enabled: z.boolean().optional(),
  awardedCount: z.number().optional(),
});
export type Badge = z.infer<typeof badge>;

export const pointNames = [
  "answerUpvoted",
  "answerDownvoted",
  "questionUpvoted",
  "questionDownvoted",
  "answerAccepted",
  "acceptorBonus",
  "streakBonus",
  "spamConfirmed",
] as const;
const settingsSchema = z
  .object({
    points: z.record(z.string(), z.number()),
    dailyCap: z.number(),
    flagHideThreshold: z.number(),
  })
  .loose();
export type CommunitySettings = z.infer<typeof settingsSchema>;

export const customerRecordSchema = z.object({
  member: memberRef.nullable(),
  reputation: z.number().optional(),
  acceptedAnswers: z.number().optional(),
  answers: z.number().optional(),
  isMvp: z.boolean().optional(),
  mvpUntil: z.string().nullish(),
  badges: z.array(z.object({ slug: z.string(), name: z.string(), tier: z.string() })).optional(),
  helpedCount: z.number().optional(),
  recentTopics: z.array(topicSummary).optional(),
});

const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

const useList = <T extends z.ZodType>(key: string[], schema: T, path: string, enabled = true) =>
  useQuery({
    queryKey: [...communityKey, ...key],
    queryFn: () => apiParsed(schema, path),
    retry: false,
    enabled,
  });

export const useCategories = () => useList(["categories"], items(categorySchema), `${BASE}/categories`);
export const useFlagQueue = () => useList(["flags"], items(flagGroup), `${BASE}/flags?status=open`);
export const useNominations = () =>
  useList(["nominations"], items(nomination), `${BASE}/mvp/nominations?status=pending`);
export const useMvps = () => useList(["mvps"], items(mvpEntry), `${BASE}/mvp`);
export const useBadges = () => useList(["badges"], items(badge), `${BASE}/badges`);
export const useCommunitySettings = () => useList(["settings"], settingsSchema, `${BASE}/settings`);
export const useCustomerRecord = (customerId: string) =>
  useList(["record", customerId], customerRecordSchema, `${BASE}/customers/${customerId}/record`);

/** Topics whose title matches, for the link picker (empty query: nothing asked). */
export function useTopicSearch(q: string) {
  const query = q.trim();
  return useList(
    ["topics", "search", query],
    items(topicSummary),
    `${BASE}/topics?${new URLSearchParams({ q: query })}`,
    query.length >= 2,
  );
}

/**
 * Topics linked to a case or a problem. The contract lists topics by category, kind and text;
 * this asks the core's list with `caseId` / `problemId` filters (see the part's report).
 */
export const useLinkedTopics = (target: LinkTarget) =>
  useList(
    ["topics", "linked", target.kind, target.id],
    items(topicSummary),
    `${BASE}/topics?${new URLSearchParams({ [target.kind === "case" ? "caseId" : "problemId"]: target.id })}`,
  );
export type LinkTarget = { kind: "case" | "problem"; id: string };

/** A write, then every community query is fetched again. */
export function useCommunityWrite<V>(write: (v: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: communityKey }),
  });
}

export type CategoryInput = {
  name: string;
  slug?: string;
  description?: string;
  productModel?: string | null;
  visibility: Category["visibility"];
  position?: number;
};
export const createCategory = (body: CategoryInput) => api(`${BASE}/categories`, { body });
export const updateCategory = ({ id, ...body }: CategoryInput & { id: string }) =>
  api(`${BASE}/categories/${id}`, { method: "PATCH", body });
export const deleteCategory = (id: string) => api(`${BASE}/categories/${id}`, { method: "DELETE" });

export const reviewPost = (v: { postId: string; decision: "agree" | "disagree" | "ignore" }) =>
  api(`${BASE}/flags/review/${v.postId}`, { body: { decision: v.decision } });

export const decideNomination = (v: {
  id: string;
  decision: "accept" | "decline";
  note?: string;
  months?: number;
}) =>
  api(`${BASE}/mvp/nominations/${v.id}/decision`, {
    body: {
      decision: v.decision,
      ...(v.note ? { note: v.note } : {}),
      ...(v.months ? { months: v.months } : {}),
    },
  });
export const awardTerm = (v: { memberId: string; months: number }) => api(`${BASE}/mvp/terms`, { body: v });

export const createBadge = (body: {
  slug: string;
  name: string;
  description?: string;
  tier: Badge["tier"];
  rule: unknown;
}) => api(`${BASE}/badges`, { body });
export const saveSettings = (body: CommunitySettings) => api(`${BASE}/settings`, { method: "PUT", body });

export const linkTopic = (v: { topicId: string; target: LinkTarget }) =>
  api(`${BASE}/topics/${v.topicId}/links`, {
    body: v.target.kind === "case" ? { caseId: v.target.id } : { problemId: v.target.id },
  });
export const unlinkTopic = (v: { topicId: string; target: LinkTarget }) =>
  api(`${BASE}/topics/${v.topicId}/links/${v.target.id}`, { method: "DELETE" });
