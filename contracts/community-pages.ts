/**
 * What the server hands the community's public pages (issue #16): the data of one page, loaded
 * on the server (server/src/modules/community/public/), rendered there with the same React
 * components (web/src/features/community/public/) and handed to the browser for hydration.
 * Types (and one element id): no code, so it costs the web bundle nothing.
 */
import type { LeaderboardCategoryFilter } from "./community-leaderboard-page.ts";

export type CommunityMemberRef = {
  id: string;
  displayName: string;
  avatarUrl: string | null;
  isStaff: boolean;
  isMvp: boolean;
  reputation: number;
};

/** Who is reading: what the interactive parts (after hydration) may offer. */
export type CommunityViewer = {
  signedIn: boolean;
  memberId: string | null;
  isStaff: boolean;
  isMvp: boolean;
};

export type CommunityCrumb = { label: string; href: string };

export type CommunityCategoryView = {
  id: string;
  name: string;
  slug: string;
  href: string;
  description: string;
  /** Not "public": shown with a note, and never indexed. */
  visibility: "public" | "customers" | "mvp" | "staff";
  topicCount: number;
};

/** The linked problem: its public title (never the internal one) and status. */
export type CommunityProblemStatus = { title: string | null; status: string };

/**
 * The signed-in reader's own part of a topic page, sent beside its cached render (which is the
 * same for every reader of a kind) as a small JSON script: their votes, whether they follow
 * it, what they may do. The page applies it after hydration.
 */
export type CommunityTopicPersonal = {
  memberId: string;
  following: boolean;
  votes: Record<string, -1 | 1>;
  can: { accept: boolean; escalate: boolean };
};
export const COMMUNITY_PERSONAL_ID = "rapport-community-personal";

/** What a form posted without JavaScript came back with (server/…/public/form-posts.ts). */
export type CommunityFormNotice =
  /** `postId`: the post whose comment form it came from (else the answer or question form). */
  { kind: "error"; field: string | null; message: string; postId?: string } | { kind: "held" };

export type CommunityTopicListItem = {
  id: string;
  number: string;
  href: string;
  kind: "question" | "discussion";
  title: string;
  pinned: boolean;
  solved: boolean;
  closed: boolean;
  score: number;
  answerCount: number;
  /** Readers counted where the page is served (one per visitor per day); lists show it, the topic page does not. */
  viewCount: number;
  author: CommunityMemberRef;
  category: { name: string; href: string } | null;
  lastActivityAt: string;
  createdAt: string;
  problem: CommunityProblemStatus | null;
};

export type CommunityPostView = {
  id: string;
  kind: "opening" | "answer" | "comment";
  /** Sanitised HTML (markdown-it without raw HTML, then the mail sanitiser). */
  bodyHtml: string;
  author: CommunityMemberRef;
  official: boolean;
  accepted: boolean;
  score: number;
  myVote: -1 | 0 | 1;
  /** Customers this answer helped after it was accepted (cases linked to the topic later). */
  helpedCount: number;
  createdAt: string;
  editedAt: string | null;
  comments: CommunityPostView[];
};

export type CommunityTopicView = {
  id: string;
  number: string;
  href: string;
  kind: "question" | "discussion";
  title: string;
  solved: boolean;
  closed: boolean;
  pinned: boolean;
  score: number;
  answerCount: number;
  createdAt: string;
  author: CommunityMemberRef;
  problem: CommunityProblemStatus | null;
  opening: CommunityPostView;
  /** This page's answers in reading order: accepted first (questions, always on page 1), then by time. */
  answers: CommunityPostView[];
  /** Answers are paged (`?page=`), so a long topic renders a page of them, not all. */
  answerPage: number;
  answerPageCount: number;
  following: boolean;
  can: { answer: boolean; accept: boolean; escalate: boolean; vote: boolean };
};

export type CommunityBadgeView = {
  slug: string;
  name: string;
  tier: "bronze" | "silver" | "gold";
  awardedAt: string;
};

export type CommunityProfileView = {
  member: CommunityMemberRef & { bio: string; mvpUntil: string | null; joinedAt: string };
  badges: CommunityBadgeView[];
  counts: { answers: number; acceptedAnswers: number; questions: number };
  recentAnswers: Array<{
    topicTitle: string;
    href: string;
    accepted: boolean;
    score: number;
    createdAt: string;
  }>;
};

export type CommunityLeaderRow = { rank: number; member: CommunityMemberRef; points: number };
export type LeaderboardPeriod = "week" | "month" | "all";
export type CommunitySort = "activity" | "new" | "votes";

export type CommunityPageData = { viewer: CommunityViewer } & (
  | { page: "home"; categories: CommunityCategoryView[]; recent: CommunityTopicListItem[] }
  | {
      page: "category";
      category: CommunityCategoryView;
      topics: CommunityTopicListItem[];
      sort: CommunitySort;
      pageNumber: number;
      pageCount: number;
      crumbs: CommunityCrumb[];
    }
  | {
      page: "topic";
      topic: CommunityTopicView;
      category: CommunityCategoryView;
      crumbs: CommunityCrumb[];
      notice?: CommunityFormNotice | null;
    }
  | { page: "profile"; profile: CommunityProfileView; crumbs: CommunityCrumb[] }
  | {
      page: "mvps";
      mvps: Array<CommunityMemberRef & { mvpUntil: string; bio: string }>;
      crumbs: CommunityCrumb[];
    }
  | ({
      page: "leaderboard";
      period: LeaderboardPeriod;
      rows: CommunityLeaderRow[];
      crumbs: CommunityCrumb[];
    } & Partial<LeaderboardCategoryFilter>)
  | {
      page: "new";
      categories: CommunityCategoryView[];
      categoryId: string | null;
      crumbs: CommunityCrumb[];
      notice?: CommunityFormNotice | null;
    }
  | { page: "notFound" }
);
