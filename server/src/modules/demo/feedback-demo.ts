import type { IdeaStatusValue } from "../../../../contracts/feedback.ts";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { findIdentityOwner } from "../customers/customers.repo.ts";
import { staffActor } from "./escalations-demo.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db" | "boss" | "config" | "files">;
type Visibility = "public" | "customers" | "staff";

/**
 * What the demo asks of the feedback module. SEAM (issue #17): the core part's services
 * (boards, ideas, votes, case links, status changes, comments, merge) were being written on
 * another branch when this was, so `sqlWriter` below does the same writes straight into the
 * 0030 tables, keeping the counts and requesters in step as the contract says. Once the core
 * is merged, a writer calling its services (through an Actor) replaces it, and the demo then
 * also gets the case timeline's `idea.linked` entries, webhooks and events.
 */
export type FeedbackDemoWriter = {
  board(input: {
    name: string;
    slug: string;
    description: string;
    visibility: Visibility;
    position: number;
  }): Promise<string>;
  idea(input: {
    boardId: string;
    title: string;
    description: string;
    tags: string[];
    authorCustomerId: string | null;
    daysAgo: number;
  }): Promise<string>;
  vote(ideaId: string, customerId: string): Promise<void>;
  linkCase(ideaId: string, caseId: string): Promise<void>;
  status(ideaId: string, to: Exclude<IdeaStatusValue, "duplicate">, explanation?: string): Promise<void>;
  comment(ideaId: string, body: string, official: boolean): Promise<void>;
  merge(ideaId: string, intoId: string): Promise<void>;
};

type Idea = {
  key: string;
  board: string;
  title: string;
  description: string;
  tags: string[];
  author: string | null;
  daysAgo: number;
  votes: string[];
  /** Sample cases (by subject) that asked for this. */
  cases?: string[];
  path?: Array<[Exclude<IdeaStatusValue, "duplicate">, string?]>;
  official?: string;
  mergeInto?: string;
};

const DECLINED_SUB_BLUETOOTH =
  "Thank you for asking, and we understand why: it would save a cable. We are not going to add Bluetooth " +
  "to the Sub. The Sub has no radio for it, so it would mean new hardware, and we will not ask you to buy " +
  "a new Sub for something the rest of your system already does: pair your phone with the Beam or the Five " +
  "and the Sub plays the bass in sync, with no extra setup. If that does not work for your room, tell us " +
  "why in a comment; we read every one, and it goes into our notes for the next Sub.";

const BOARDS: Array<[string, string, string, Visibility]> = [
  [
    "app",
    "The app",
    "Ideas for the Soundwave app: grouping, tuning, alarms and everything on your phone.",
    "public",
  ],
  ["speakers", "Speakers & sound", "What you would like our speakers and soundbars to do.", "public"],
  ["routers", "Routers & Wi-Fi", "NetHub routers and mesh, for signed-in customers.", "customers"],
  ["team", "Team notes", "Staff-only ideas we have not shared yet.", "staff"],
];

const IDEAS: Idea[] = [
  {
    key: "why-1013",
    board: "app",
    title: "Say why an update failed instead of just “Error 1013”",
    description:
      "When an update fails the app only shows **Error 1013**. Tell me *what* is wrong (the router? DNS?) and what to do.",
    tags: ["updates", "errors"],
    author: "den@example.net",
    daysAgo: 75,
    votes: ["den@example.net", "maria@example.com"],
    cases: [
      "Error 1013 when updating my speakers",
      "Error 1013 again after the router swap",
      "Error 1013 on the Sub only",
    ],
    path: [
      ["under_review"],
      ["planned"],
      ["in_progress", "The app will name the cause (router, DNS, server) and link the fix."],
    ],
    official:
      "Engineering is on it: the next app release explains each update error in plain words, with a fix.",
  },
  {
    key: "groups",
    board: "app",
    title: "Group speakers by room and play everywhere with one tap",
    description:
      "Let me save “Downstairs” (kitchen + living room) and start the same music on all of it at once.",
    tags: ["grouping"],
    author: "maria@example.com",
    daysAgo: 120,
    votes: ["maria@example.com", "sam.lee@example.org", "aiko.tanaka@example.jp"],
    path: [["under_review"], ["planned", "Planned for the spring release."]],
    official: "Planned for the spring release. We will post here when the beta opens.",
  },
  {
    key: "alarm",
    board: "speakers",
    title: "Alarm clock mode on the Soundwave One",
    description: "Wake up to a playlist, getting louder over a few minutes.",
    tags: ["alarms"],
    author: "sam.lee@example.org",
    daysAgo: 160,
    votes: ["sam.lee@example.org", "maria@example.com"],
    path: [
      ["planned"],
      ["in_progress"],
      ["done", "Shipped in app 12.5: Settings → Alarms, with a gentle fade-in."],
    ],
  },
  {
    key: "sub-bluetooth",
    board: "speakers",
    title: "Bluetooth on the Sub",
    description: "I would like to play music from my phone straight to the Sub.",
    tags: ["bluetooth"],
    author: "aiko.tanaka@example.jp",
    daysAgo: 40,
    votes: ["aiko.tanaka@example.jp"],
    path: [["under_review"], ["declined", DECLINED_SUB_BLUETOOTH]],
  },
  {
    key: "dark",
    board: "app",
    title: "Dark mode for the app",
    description: "The app is very bright in a dark living room during a film.",
    tags: ["design"],
    author: "den@example.net",
    daysAgo: 25,
    votes: ["den@example.net", "aiko.tanaka@example.jp"],
    path: [["under_review"]],
  },
  {
    key: "night-theme",
    board: "app",
    title: "Night theme in the app",
    description: "A black theme for the evening, please.",
    tags: ["design"],
    author: "sam.lee@example.org",
    daysAgo: 12,
    votes: ["sam.lee@example.org"],
    mergeInto: "dark",
  },
  {
    key: "guest-qr",
    board: "routers",
    title: "Share the guest Wi-Fi as a QR code",
    description: "Visitors could scan a code instead of typing a long password.",
    tags: ["wifi", "guests"],
    author: "sam.lee@example.org",
    daysAgo: 6,
    votes: [],
    cases: ["How do I set up a guest network?"],
  },
  {
    key: "restart-time",
    board: "routers",
    title: "Choose when the NetHub restarts at night",
    description: "Mine restarts at 3 am, right when my backups run.",
    tags: ["wifi"],
    author: "aiko.tanaka@example.jp",
    daysAgo: 3,
    votes: ["aiko.tanaka@example.jp"],
  },
  {
    key: "eq-presets",
    board: "team",
    title: "EQ presets per input (TV, music, games)",
    description: "Several agents hear this on calls; not public until product has a view.",
    tags: ["sound"],
    author: null,
    daysAgo: 9,
    votes: [],
  },
];

/**
 * The sample company's feedback portal: public, customers-only and staff-only boards, ideas in
 * every status (a declined one with a thoughtful explanation, a duplicate merged into its
 * original, a done one), votes by the sample customers, official answers, and the past cases
 * that asked for them. Runs again harmlessly: a workspace that already has boards is left alone.
 */
export async function loadFeedbackDemo(ctx: Ctx, workspaceId: string): Promise<void> {
  const scope = new TenantScope(ctx.db, workspaceId);
  if (await scope.selectFrom("feedback_boards").select("id").limit(1).executeTakeFirst()) return;
  const admin = await staffActor(ctx, sample.staff[0].email);
  if (!admin) return;
  const customers: Record<string, string> = {};
  for (const person of sample.customers) {
    const owner = await findIdentityOwner(scope, "email", person.email);
    if (owner) customers[person.email] = owner.customerId;
  }
  const cases = await scope.selectFrom("cases").select(["id", "subject"]).execute();
  const caseIds = new Map(cases.map((c) => [c.subject, c.id]));

  await inTransaction(ctx.db, async (tx) => {
    const write = sqlWriter(scope.with(tx), admin.userId);
    const boards: Record<string, string> = {};
    for (const [position, [slug, name, description, visibility]] of BOARDS.entries())
      boards[slug] = await write.board({ name, slug, description, visibility, position });
    const ideas: Record<string, string> = {};
    for (const idea of IDEAS) {
      const boardId = boards[idea.board];
      if (!boardId) continue;
      const id = await write.idea({
        boardId,
        title: idea.title,
        description: idea.description,
        tags: idea.tags,
        authorCustomerId: idea.author ? (customers[idea.author] ?? null) : null,
        daysAgo: idea.daysAgo,
      });
      ideas[idea.key] = id;
      for (const email of idea.votes) {
        const customerId = customers[email];
        if (customerId) await write.vote(id, customerId);
      }
      for (const subject of idea.cases ?? []) {
        const caseId = caseIds.get(subject);
        if (caseId) await write.linkCase(id, caseId);
      }
      for (const [to, explanation] of idea.path ?? []) await write.status(id, to, explanation);
      if (idea.official) await write.comment(id, idea.official, true);
      const into = idea.mergeInto ? ideas[idea.mergeInto] : undefined;
      if (into) await write.merge(id, into);
    }
  });
}

const slugify = (title: string) =>
  title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80) || "idea";

/** The direct-SQL writer (see the SEAM note on FeedbackDemoWriter). One transaction: `scope`'s. */
export function sqlWriter(scope: TenantScope, staffUserId: string): FeedbackDemoWriter {
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000);
  const subscribe = (ideaId: string, customerId: string, reason: "author" | "voter" | "case" | "merged") =>
    scope
      .insertInto("feedback_subscriptions", { idea_id: ideaId, customer_id: customerId, reason })
      .onConflict((oc) => oc.doNothing())
      .execute();
  const requester = (ideaId: string, customerId: string, how: "by_vote" | "by_case") =>
    scope
      .insertInto("feedback_requesters", {
        idea_id: ideaId,
        customer_id: customerId,
        by_vote: how === "by_vote",
        by_case: how === "by_case",
      })
      .onConflict((oc) =>
        oc
          .columns(["idea_id", "customer_id"])
          .doUpdateSet(how === "by_vote" ? { by_vote: true } : { by_case: true }),
      )
      .execute();
  // The counts the board pages sort by, recomputed from the rows they count.
  const recount = async (ideaId: string) => {
    const count = async (table: "feedback_votes" | "feedback_requesters" | "feedback_idea_cases") =>
      Number(
        (
          await scope
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("idea_id", "=", ideaId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const comments = await scope
      .selectFrom("feedback_comments")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("idea_id", "=", ideaId)
      .where("deleted_at", "is", null)
      .executeTakeFirstOrThrow();
    await scope
      .updateTable("feedback_ideas")
      .set({
        vote_count: await count("feedback_votes"),
        requester_count: await count("feedback_requesters"),
        case_count: await count("feedback_idea_cases"),
        comment_count: Number(comments.n),
      })
      .where("id", "=", ideaId)
      .execute();
  };

  return {
    async board(input) {
      const row = await scope.insertInto("feedback_boards", input).returning("id").executeTakeFirstOrThrow();
      return row.id;
    },
    async idea(input) {
      const at = ago(input.daysAgo);
      const row = await scope
        .insertInto("feedback_ideas", {
          board_id: input.boardId,
          title: input.title,
          slug: slugify(input.title),
          description: input.description,
          tags: input.tags,
          author_customer_id: input.authorCustomerId,
          author_user_id: input.authorCustomerId ? null : staffUserId,
          created_by_user_id: input.authorCustomerId ? staffUserId : null,
          created_at: at,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (input.authorCustomerId) await subscribe(row.id, input.authorCustomerId, "author");
      return row.id;
    },
    async vote(ideaId, customerId) {
      // Cast by staff for the sample customers, and recorded as such.
      await scope
        .insertInto("feedback_votes", {
          idea_id: ideaId,
          customer_id: customerId,
          cast_by_user_id: staffUserId,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await requester(ideaId, customerId, "by_vote");
      await subscribe(ideaId, customerId, "voter");
      await recount(ideaId);
    },
    async linkCase(ideaId, caseId) {
      const c = await scope
        .selectFrom("cases")
        .select("customer_id")
        .where("id", "=", caseId)
        .executeTakeFirstOrThrow();
      await scope
        .insertInto("feedback_idea_cases", {
          idea_id: ideaId,
          case_id: caseId,
          customer_id: c.customer_id,
          linked_by_user_id: staffUserId,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await requester(ideaId, c.customer_id, "by_case");
      await subscribe(ideaId, c.customer_id, "case");
      await recount(ideaId);
    },
    async status(ideaId, to, explanation) {
      const idea = await scope
        .selectFrom("feedback_ideas")
        .select("status")
        .where("id", "=", ideaId)
        .executeTakeFirstOrThrow();
      const now = new Date();
      await scope
        .updateTable("feedback_ideas")
        .set({
          status: to,
          status_explanation: explanation ?? null,
          status_changed_at: now,
          ...(to === "done" ? { done_at: now } : {}),
        })
        .where("id", "=", ideaId)
        .execute();
      await scope
        .insertInto("feedback_status_changes", {
          idea_id: ideaId,
          from_status: idea.status,
          to_status: to,
          explanation: explanation ?? null,
          by_user_id: staffUserId,
        })
        .execute();
    },
    async comment(ideaId, body, official) {
      await scope
        .insertInto("feedback_comments", { idea_id: ideaId, author_user_id: staffUserId, body, official })
        .execute();
      await recount(ideaId);
    },
    async merge(ideaId, intoId) {
      // Votes, requesters, case links and subscribers move to the original, once per customer.
      const votes = await scope
        .selectFrom("feedback_votes")
        .selectAll()
        .where("idea_id", "=", ideaId)
        .execute();
      for (const v of votes) if (v.customer_id) await this.vote(intoId, v.customer_id);
      const links = await scope
        .selectFrom("feedback_idea_cases")
        .select("case_id")
        .where("idea_id", "=", ideaId)
        .execute();
      for (const l of links) await this.linkCase(intoId, l.case_id);
      const subscribers = await scope
        .selectFrom("feedback_subscriptions")
        .select("customer_id")
        .where("idea_id", "=", ideaId)
        .where("unsubscribed_at", "is", null)
        .execute();
      for (const s of subscribers) if (s.customer_id) await subscribe(intoId, s.customer_id, "merged");
      await scope.deleteFrom("feedback_votes").where("idea_id", "=", ideaId).execute();
      await scope.deleteFrom("feedback_requesters").where("idea_id", "=", ideaId).execute();
      await scope.deleteFrom("feedback_idea_cases").where("idea_id", "=", ideaId).execute();
      const idea = await scope
        .selectFrom("feedback_ideas")
        .select("status")
        .where("id", "=", ideaId)
        .executeTakeFirstOrThrow();
      await scope
        .updateTable("feedback_ideas")
        .set({ status: "duplicate", merged_into_id: intoId, status_changed_at: new Date() })
        .where("id", "=", ideaId)
        .execute();
      await scope
        .insertInto("feedback_status_changes", {
          idea_id: ideaId,
          from_status: idea.status,
          to_status: "duplicate",
          explanation: null,
          by_user_id: staffUserId,
        })
        .execute();
      await recount(ideaId);
      await recount(intoId);
    },
  };
}
