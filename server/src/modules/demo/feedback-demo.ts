import { sql } from "kysely";
import type { IdeaStatusValue } from "../../../../contracts/feedback.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { findIdentityOwner } from "../customers/customers.repo.ts";
import { createBoard } from "../feedback/boards.service.ts";
import { linkCase } from "../feedback/case-links.service.ts";
import { addComment } from "../feedback/comments.service.ts";
import { createIdea, patchIdea } from "../feedback/ideas.service.ts";
import { mergeIdea } from "../feedback/merge.service.ts";
import { registerFeedback } from "../feedback/register.ts";
import { castVote } from "../feedback/votes.service.ts";
import { staffActor } from "./escalations-demo.ts";
import { retimeIdea } from "./feedback-demo-clock.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db" | "boss" | "config" | "files">;
type Visibility = "public" | "customers" | "staff";

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
 * that asked for them. Everything goes through the feedback core's commands, as staff would do
 * it in the app — so requesters, counts, history, the cases' `idea.linked` timeline entries,
 * subscriptions and the events (and with them the subscriber notices) are exactly the
 * product's; only the times are then spread over each idea's story (feedback-demo-clock.ts).
 * Runs again harmlessly: boards are found by slug and ideas by title, and an idea already
 * there is left as it is.
 */
export async function loadFeedbackDemo(ctx: Ctx, workspaceId: string): Promise<void> {
  // The same listeners as the app (notify's notices), so the demo's data is the product's.
  registerFeedback();
  const scope = new TenantScope(ctx.db, workspaceId);
  const admin = await staffActor(ctx, sample.staff[0].email);
  if (!admin) return;
  // Dana, the agent, links the cases she handled; Priya (admin) triages and answers.
  const agent = (await staffActor(ctx, sample.staff[1].email)) ?? admin;
  const customers: Record<string, string> = {};
  for (const person of sample.customers) {
    const owner = await findIdentityOwner(scope, "email", person.email);
    if (owner) customers[person.email] = owner.customerId;
  }
  const cases = await scope.selectFrom("cases").select(["id", "subject"]).orderBy("created_at").execute();
  const caseIds = new Map<string, string>();
  for (const c of cases) if (!caseIds.has(c.subject)) caseIds.set(c.subject, c.id);

  const boards = await ensureBoards(ctx, scope, admin);
  const ideas: Record<string, string> = {};
  for (const idea of IDEAS) {
    const boardId = boards[idea.board];
    if (!boardId) continue;
    const existing = await scope
      .selectFrom("feedback_ideas")
      .select("id")
      .where("board_id", "=", boardId)
      .where("title", "=", idea.title)
      .executeTakeFirst();
    if (existing) {
      ideas[idea.key] = existing.id;
      continue;
    }
    // The database's clock, which stamps the rows (the app's may differ by a little).
    const written =
      (await sql<{ now: Date }>`select now() as now`.execute(ctx.db)).rows[0]?.now ?? new Date();
    const authorId = idea.author ? customers[idea.author] : undefined;
    const created = await createIdea(ctx, admin, {
      boardId,
      title: idea.title,
      description: idea.description,
      tags: idea.tags,
      ...(authorId ? { customerId: authorId } : {}),
    });
    const id = created.id;
    ideas[idea.key] = id;
    // Cast by staff for the sample customers, and recorded as such (cast_by_user_id).
    for (const email of idea.votes) {
      const customerId = customers[email];
      if (customerId) await castVote(ctx, admin, id, customerId);
    }
    for (const subject of idea.cases ?? []) {
      const caseId = caseIds.get(subject);
      if (caseId) await linkCase(ctx, agent, id, caseId);
    }
    for (const [status, explanation] of idea.path ?? [])
      await patchIdea(ctx, admin, id, { status, ...(explanation ? { explanation } : {}) });
    if (idea.official) await addComment(ctx, admin, id, { body: idea.official, official: true });
    // Dated before merging, so the votes that move to the original keep their days.
    await retimeIdea(ctx.db, workspaceId, id, idea.daysAgo, written);
    const into = idea.mergeInto ? ideas[idea.mergeInto] : undefined;
    if (into) await mergeIdea(ctx, admin, id, into);
  }
}

async function ensureBoards(ctx: Ctx, scope: TenantScope, admin: Actor): Promise<Record<string, string>> {
  const boards: Record<string, string> = {};
  const existing = await scope.selectFrom("feedback_boards").select(["id", "slug"]).execute();
  for (const b of existing) boards[b.slug] = b.id;
  for (const [position, [slug, name, description, visibility]] of BOARDS.entries()) {
    if (boards[slug]) continue;
    boards[slug] = (await createBoard(ctx, admin, { name, slug, description, visibility, position })).id;
  }
  return boards;
}
