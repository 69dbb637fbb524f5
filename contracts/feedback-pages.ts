/**
 * What the server hands the feedback portal's public pages (issue #17): the data of one page,
 * loaded on the server (server/src/modules/feedback/public/), rendered there with the same React
 * components (web/src/features/feedback/public/) and handed to the browser for hydration.
 * Types only: no runtime code, so it costs the web bundle nothing.
 */

export type FeedbackStatus =
  | "open"
  | "under_review"
  | "planned"
  | "in_progress"
  | "done"
  | "declined"
  | "duplicate";

/** Who is reading: what the interactive parts (after hydration) may offer. */
export type FeedbackViewer = {
  signedIn: boolean;
  isCustomer: boolean;
  isStaff: boolean;
  /** Not signed in, and the workspace takes anonymous votes (on public boards only). */
  anonymousVoting: boolean;
};

export type FeedbackCrumb = { label: string; href: string };

/** The workspace's names of the fixed statuses (feedback_settings.status_labels over the defaults). */
export type FeedbackStatusLabels = Record<FeedbackStatus, string>;

export type FeedbackBoardView = {
  id: string;
  name: string;
  slug: string;
  href: string;
  description: string;
  /** Not "public": shown with a note, and never indexed. */
  visibility: "public" | "customers" | "staff";
  ideaCount: number;
};

export type FeedbackIdeaRef = { id: string; number: string; title: string; href: string };

export type FeedbackIdeaListItem = FeedbackIdeaRef & {
  status: FeedbackStatus;
  votes: number;
  commentCount: number;
  board: { name: string; href: string } | null;
  createdAt: string;
  doneAt: string | null;
  /** Changelog entries show why (the explanation of "done"), when there is one. */
  statusExplanation: string | null;
};

export type FeedbackPerson = { name: string; isStaff: boolean };

export type FeedbackCommentView = {
  id: string;
  bodyHtml: string;
  author: FeedbackPerson | null;
  official: boolean;
  createdAt: string;
};

export type FeedbackIdeaView = FeedbackIdeaRef & {
  status: FeedbackStatus;
  statusExplanation: string | null;
  descriptionHtml: string;
  tags: string[];
  votes: number;
  author: FeedbackPerson | null;
  createdAt: string;
  statusChangedAt: string | null;
  mergedInto: FeedbackIdeaRef | null;
  duplicates: FeedbackIdeaRef[];
  history: { from: FeedbackStatus; to: FeedbackStatus; explanation: string | null; at: string }[];
  comments: FeedbackCommentView[];
  /** The reader's own vote (a signed-in customer's, or an anonymous visitor's by their cookie) and
   * the signed-in customer's subscription (false for anyone else). */
  myVote: boolean;
  subscribed: boolean;
};

export type FeedbackSort = "votes" | "recent";

type Common = { viewer: FeedbackViewer; labels: FeedbackStatusLabels };

export type FeedbackPageData = Common &
  (
    | { page: "home"; boards: FeedbackBoardView[]; top: FeedbackIdeaListItem[] }
    | {
        page: "board";
        board: FeedbackBoardView;
        ideas: FeedbackIdeaListItem[];
        sort: FeedbackSort;
        status: FeedbackStatus | null;
        pageNumber: number;
        pageCount: number;
        total: number;
        crumbs: FeedbackCrumb[];
      }
    | { page: "idea"; idea: FeedbackIdeaView; board: FeedbackBoardView; crumbs: FeedbackCrumb[] }
    | {
        page: "roadmap";
        columns: { status: "planned" | "in_progress" | "done"; ideas: FeedbackIdeaListItem[] }[];
        crumbs: FeedbackCrumb[];
      }
    | {
        page: "changelog";
        ideas: FeedbackIdeaListItem[];
        pageNumber: number;
        pageCount: number;
        crumbs: FeedbackCrumb[];
      }
    | { page: "new"; boards: FeedbackBoardView[]; boardId: string | null; crumbs: FeedbackCrumb[] }
    | { page: "notFound" }
  );
