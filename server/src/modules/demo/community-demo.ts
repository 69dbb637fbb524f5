import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { setAccepted } from "../community/accept.service.ts";
import { createCategory } from "../community/categories.service.ts";
import { linkTopic } from "../community/links.service.ts";
import { createPost } from "../community/posts.service.ts";
import { registerCommunity } from "../community/register.ts";
import { awardBadges } from "../community/reputation/badge-awards.ts";
import { awardDirectly } from "../community/reputation/mvp.service.ts";
import { createTopic } from "../community/topics.service.ts";
import { vote } from "../community/votes.service.ts";
import { findIdentityOwner } from "../customers/customers.repo.ts";
import { staffActor } from "./escalations-demo.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db" | "boss" | "config" | "files">;

/** The sample customers as they appear in the community: first name and initial, as people post. */
const MEMBERS: Record<string, string> = {
  "maria@example.com": "Maria G.",
  "den@example.net": "Den W.",
  "sam.lee@example.org": "Sam L.",
  "aiko.tanaka@example.jp": "Aiko T.",
};

type Thread = {
  category: string;
  kind: "question" | "discussion";
  asker: string;
  title: string;
  body: string;
  answers: Array<{ by: string; body: string; accepted?: boolean; votes?: number }>;
  linkProblem?: boolean;
};

const THREADS: Thread[] = [
  {
    category: "speakers",
    kind: "question",
    asker: "den@example.net",
    title: "Error 1013 on my Five after swapping my router",
    body: "Since I replaced my router last week the Five says **Error 1013** every time it tries to update. Restarting does nothing. Anyone else?",
    linkProblem: true,
    answers: [
      {
        by: "sam.lee@example.org",
        accepted: true,
        votes: 3,
        body:
          "I had exactly this. 1013 means the speaker can't reach the update server. On most new routers:\n\n" +
          "1. Turn **UPnP** on in the router's settings.\n2. Set DNS to automatic (or `1.1.1.1`).\n" +
          "3. Restart the speaker, then run the update from the app.\n\nWorked first time for me on a NetHub AX3000.",
      },
      {
        by: "maria@example.com",
        votes: 1,
        body: "Same fix worked for both my One and my Beam. Thanks @Sam L.!",
      },
    ],
  },
  {
    category: "speakers",
    kind: "question",
    asker: "maria@example.com",
    title: "Where should the Sub go in an open-plan room?",
    body: "Open kitchen and living room, Beam under the TV. Corner or next to the sofa?",
    answers: [
      {
        by: "aiko.tanaka@example.jp",
        accepted: true,
        votes: 2,
        body: "Try the 'sub crawl': put the Sub where you sit, play bass-heavy music, and crawl around the room. Where it sounds best is where the Sub goes. Then run room tuning in the app.",
      },
      {
        by: "sam.lee@example.org",
        votes: 1,
        body: "Corners give more bass but can boom. Next to the sofa is usually tighter.",
      },
    ],
  },
  {
    category: "routers",
    kind: "question",
    asker: "aiko.tanaka@example.jp",
    title: "NetHub reboots every night around 3 am",
    body: "My NetHub restarts every night and the log shows E4402. Is this a scheduled update?",
    answers: [
      {
        by: "sam.lee@example.org",
        votes: 1,
        body: "Mine too since 3.2.7. Check Settings → Maintenance: is the nightly restart on?",
      },
    ],
  },
  {
    category: "app",
    kind: "discussion",
    asker: "sam.lee@example.org",
    title: "Share your favourite room-tuning tips",
    body: "After a year of tinkering, here is what made the biggest difference for me: tune with the room as you use it (curtains drawn, people on the sofa). What's yours?",
    answers: [
      {
        by: "den@example.net",
        votes: 1,
        body: "Re-run tuning after moving furniture. Obvious, but I forgot for months.",
      },
    ],
  },
];

/**
 * The sample company's community: categories (one for MVPs only), members with display names,
 * four threads through the real services (so reputation, badges and leaderboards are the
 * real ones): a solved Error 1013 question linked to problem P-1, a solved placement question,
 * an open router question and a discussion. Sam is an MVP for a year. Runs again harmlessly:
 * a community that already has categories is left alone.
 */
export async function loadCommunityDemo(ctx: Ctx, workspaceId: string): Promise<void> {
  registerCommunity();
  const scope = new TenantScope(ctx.db, workspaceId);
  if (await scope.selectFrom("community_categories").select("id").limit(1).executeTakeFirst()) return;
  const admin = await staffActor(ctx, sample.staff[0].email);
  const agent = await staffActor(ctx, sample.staff[1].email);
  const marco = await staffActor(ctx, sample.staff[2].email);
  if (!admin || !agent || !marco) return;
  // Posting for a customer is what a staff API token does; the demo writes as one.
  const token: Actor = { ...agent, via: "token" };

  const categories: Record<string, string> = {};
  for (const [position, [slug, name, description, productModel, visibility]] of [
    [
      "speakers",
      "Speakers & soundbars",
      "Setting up, placing and updating your speakers.",
      "Soundwave Five",
      "public",
    ],
    ["routers", "Routers & Wi-Fi", "NetHub routers, mesh and getting everything online.", null, "public"],
    ["app", "The app & room tuning", "Tips, tricks and ideas for the Soundwave app.", null, "public"],
    ["mvp-lounge", "MVP lounge", "Early builds and a direct line to the product team.", null, "mvp"],
  ]
    .map((row) => row as [string, string, string, string | null, "public" | "mvp"])
    .entries()) {
    const c = await createCategory(ctx, admin, {
      position,
      name,
      slug,
      description,
      productModel,
      visibility,
    });
    categories[slug] = c.id;
  }

  // Members with the names they post under; regulars, so the new-account limits do not apply.
  const customerIds: Record<string, string> = {};
  for (const [email, displayName] of Object.entries(MEMBERS)) {
    const owner = await findIdentityOwner(scope, "email", email);
    if (!owner) continue;
    customerIds[email] = owner.customerId;
    await scope
      .insertInto("community_members", {
        customer_id: owner.customerId,
        display_name: displayName,
        trust_level: 2,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  const problem = await scope
    .selectFrom("problems")
    .select("id")
    .where("title", "like", "Error 1013%")
    .executeTakeFirst();
  const voters = [admin, agent, marco];
  for (const thread of THREADS) {
    const askerId = customerIds[thread.asker];
    const categoryId = categories[thread.category];
    if (!askerId || !categoryId) continue;
    const topic = await createTopic(ctx, token, {
      categoryId,
      kind: thread.kind,
      title: thread.title,
      body: thread.body,
      customerId: askerId,
    });
    for (const a of thread.answers) {
      const by = customerIds[a.by];
      if (!by) continue;
      const post = await createPost(ctx, token, topic.id, { body: a.body, customerId: by });
      for (const voter of voters.slice(0, a.votes ?? 0)) await vote(ctx, voter, post.id, 1);
      if (a.accepted) await setAccepted(ctx, agent, post.id, true);
    }
    if (thread.linkProblem && problem) await linkTopic(ctx, agent, topic.id, { problemId: problem.id });
  }

  const sam = await scope
    .selectFrom("community_members")
    .select("id")
    .where("customer_id", "=", customerIds["sam.lee@example.org"] ?? null)
    .executeTakeFirst();
  if (sam) await awardDirectly(ctx, admin, { memberId: sam.id, months: 12 });
  // The badge job would run on the server's worker; award now so the demo shows them at once.
  const members = await scope.selectFrom("community_members").select("id").execute();
  await awardBadges(
    ctx,
    workspaceId,
    members.map((m) => m.id),
  );
}
