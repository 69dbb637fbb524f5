import type {
  CommunityCategoryView,
  CommunityMemberRef,
  CommunityTopicListItem,
} from "../../../../../contracts/community-pages.ts";
import { imageUrl } from "../../../platform/images.ts";
import type { AuthorRow, TopicListRow } from "./pages.repo.ts";

/** Row → page-data shapes shared by the community's public pages. */

export const iso = (d: Date | string) => (typeof d === "string" ? new Date(d) : d).toISOString();

/** A topic's public address: /community/t/<number>-<slug>. */
export const topicHref = (number: string | number, slug: string) =>
  `/community/t/${number}${slug ? `-${encodeURIComponent(slug)}` : ""}`;
export const categoryHref = (slug: string) => `/community/${encodeURIComponent(slug)}`;
export const profileHref = (memberId: string) => `/community/u/${memberId}`;
export const avatarUrl = (memberId: string, key: string | null) =>
  imageUrl(`/api/v1/community/users/${memberId}/avatar`, key);

export function memberRef(m: {
  id: string;
  displayName: string;
  avatarKey: string | null;
  isStaff: boolean;
  reputation: number;
  isMvp: boolean;
}): CommunityMemberRef {
  return {
    id: m.id,
    displayName: m.displayName,
    avatarUrl: avatarUrl(m.id, m.avatarKey),
    isStaff: m.isStaff,
    isMvp: m.isMvp,
    reputation: m.reputation,
  };
}

export const authorOf = (r: AuthorRow): CommunityMemberRef =>
  memberRef({
    id: r.authorId,
    displayName: r.authorName,
    avatarKey: r.authorAvatarKey,
    isStaff: r.authorIsStaff,
    reputation: r.authorReputation,
    isMvp: r.authorIsMvp,
  });

export function categoryView(c: {
  id: string;
  name: string;
  slug: string;
  description: string;
  visibility: CommunityCategoryView["visibility"];
  topicCount?: string | number;
}): CommunityCategoryView {
  return {
    id: c.id,
    name: c.name,
    slug: c.slug,
    href: categoryHref(c.slug),
    description: c.description,
    visibility: c.visibility,
    topicCount: Number(c.topicCount ?? 0),
  };
}

export function topicListItem(r: TopicListRow, withCategory: boolean): CommunityTopicListItem {
  return {
    id: r.id,
    number: String(r.number),
    href: topicHref(r.number, r.slug),
    kind: r.kind,
    title: r.title,
    pinned: r.pinned,
    solved: r.solved,
    closed: r.status === "closed",
    score: r.score,
    answerCount: r.answerCount,
    viewCount: r.viewCount,
    author: authorOf(r),
    category: withCategory ? { name: r.categoryName, href: categoryHref(r.categorySlug) } : null,
    lastActivityAt: iso(r.lastActivityAt),
    createdAt: iso(r.createdAt),
    problem: r.problemStatus ? { title: r.problemTitle, status: r.problemStatus } : null,
  };
}
