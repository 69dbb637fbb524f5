import { permissionsOf } from "../../platform/auth/permissions.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { loadSessionsDemo } from "../academy/sessions/sessions-demo.ts";
import { findActorForUser } from "../accounts/memberships.repo.ts";
import { findUserByEmail } from "../accounts/users.repo.ts";
import { createCase, updateCase } from "../cases/cases.service.ts";
import { addMessage } from "../cases/conversation.service.ts";
import { findIdentityOwner } from "../customers/customers.repo.ts";
import { addDevice, createCustomer, recordFact } from "../customers/customers.service.ts";
import { refreshMetrics } from "../reports/refresh.ts";
import { urlForHost } from "../workspaces/workspace-url.ts";
import { loadAcademyDemo } from "./academy-demo.ts";
import { loadActionsDemo } from "./actions-demo.ts";
import { loadCommunityDemo } from "./community-demo.ts";
import { loadConductAssessDemo } from "./conduct-assess-demo.ts";
import { loadConductDemo } from "./conduct-demo.ts";
import { daysAgoAt, retimeCase, retimeCustomer } from "./demo-clock.ts";
import { claimDemoWorkspace, enrolDemoStaff, newDemoPassword } from "./demo-workspace.ts";
import { loadEscalationsDemo } from "./escalations-demo.ts";
import { loadFeedbackDemo } from "./feedback-demo.ts";
import { loadHelpDemo } from "./help-demo.ts";
import { loadHistoryDemo } from "./history-demo.ts";
import { loadPeopleDemo } from "./people-demo.ts";
import { loadPlaybooksDemo } from "./playbooks-demo.ts";
import { loadProblemsDemo } from "./problems-demo.ts";
import { loadRepeatsDemo } from "./repeats-demo.ts";
import { loadRetentionDemo } from "./retention-demo.ts";
import { loadRoutingDemo } from "./routing-demo.ts";
import { sample } from "./sample.ts";
import { loadSlaDemo } from "./sla-demo.ts";
import { loadSurveysDemo } from "./surveys-demo.ts";

type Ctx = Pick<AppContext, "db" | "config" | "files" | "boss">;

export type DemoOptions = {
  /** Load into a separate demo workspace when the database already has a real one. */
  separate?: boolean;
  /** The demo staff's password; a fresh random one when absent (tests pass their own). */
  password?: string;
};

/**
 * Loads the sample into the demo's own workspace (see demo-workspace.ts), through the same
 * services the API uses, so the demo's timelines look like real ones. Safe to run again:
 * customers who already exist are left as they are, and the staff get a new password.
 */
export async function loadDemo(ctx: Ctx, options: DemoOptions = {}): Promise<string> {
  const password = options.password ?? newDemoPassword();
  const written = new Date();
  const workspace = await inTransaction(ctx.db, async (tx) => {
    const ws = await claimDemoWorkspace(tx, options.separate ?? false);
    await enrolDemoStaff(tx, ws.id, password);
    return ws;
  });
  const agent = await actorFor(ctx, sample.staff[1].email);
  const engineer = await actorFor(ctx, sample.staff[3].email);
  // What this load created, to spread over realistic times once everything is written.
  const schedule: Array<{ customerId: string; since: Date; cases: Array<{ id: string; opened: Date }> }> = [];
  for (const person of sample.customers) {
    const scope = new TenantScope(ctx.db, workspace.id);
    if (await findIdentityOwner(scope, "email", person.email)) continue;
    const customer = await createCustomer(ctx, agent, {
      name: person.name,
      organization: null,
      emails: [person.email],
      phones: [person.phone],
      accounts: [],
    });
    const planned = {
      customerId: customer.id,
      since: daysAgoAt(person.since.daysAgo, person.since.at),
      cases: [] as Array<{ id: string; opened: Date }>,
    };
    schedule.push(planned);
    for (const [key, value] of Object.entries(person.facts)) {
      await recordFact(ctx, agent, workspace.id, customer.id, { key, value, channel: "phone" });
    }
    for (const device of person.devices) await addDevice(ctx, agent, customer.id, device);
    for (const story of person.cases) {
      const [first, ...replies] = story.messages;
      const c = await createCase(ctx, agent, {
        customerId: customer.id,
        subject: story.subject,
        message: first ?? story.subject,
        channel: "email",
        tags: story.subject.includes("1013") ? ["error-1013"] : [],
      });
      planned.cases.push({ id: c.id, opened: daysAgoAt(story.opened.daysAgo, story.opened.at) });
      for (const body of replies) await addMessage(ctx, agent, c.id, { body });
      if (story.subject.includes("1013")) {
        await addMessage(ctx, engineer, c.id, {
          body: "Error 1013 again: the update server was unreachable. Check UPnP and the router's DNS.",
          kind: "note",
        });
      }
      if (story.status !== "new")
        await updateCase(ctx, agent, c.id, { status: story.status, assigneeId: agent.membershipId });
    }
  }

  await loadEscalationsDemo(ctx, workspace.id);
  await loadPlaybooksDemo(ctx, workspace.id);
  for (const planned of schedule) {
    await retimeCustomer(ctx.db, workspace.id, planned.customerId, planned.since, written);
    for (const c of planned.cases) await retimeCase(ctx.db, workspace.id, c.id, c.opened, written);
  }
  // After the retiming: the emerging group's cases are dated within the last day on purpose.
  // The help center first: it loads only into an empty help center.
  await loadHelpDemo(ctx, workspace.id);
  await loadProblemsDemo(ctx, workspace.id);
  // After the problem: the community's Error 1013 thread links to it.
  await loadCommunityDemo(ctx, workspace.id);
  // After the cases: ideas are linked to the Error 1013 and guest-network cases.
  await loadFeedbackDemo(ctx, workspace.id);
  await loadActionsDemo(ctx, workspace.id);
  await loadRoutingDemo(ctx, workspace.id);
  await loadPeopleDemo(ctx, workspace.id);
  await loadSlaDemo(ctx, workspace.id);
  // Six months of history (issue #19), after the desks and their hours exist; the other
  // retention parts seed surveys, repeats and lifecycle on top of it.
  await loadHistoryDemo(ctx, workspace.id);
  // After every part that solves cases (and the history): answers on the solved ones.
  await loadSurveysDemo(ctx, workspace.id);
  // After every case and survey answer: repeats and risk are read from them (repeats-demo.ts).
  await loadRepeatsDemo(ctx, workspace.id);
  // The academy (#21): courses, sessions, and the customers who completed a course months ago
  // (retention reads who is trained from it).
  await loadAcademyDemo(ctx, workspace.id);
  // Last: lifecycle history for whichever customers and solved cases the demo has by now
  // (churn is likelier after repeat contacts or a negative survey).
  await loadRetentionDemo(ctx, workspace.id);
  // Staff protection (#20): one customer at the warning stage, frustrated ones not flagged.
  await loadConductDemo(ctx, workspace.id);
  // Tone flags (issue #20) on every customer message and post the parts above wrote.
  await loadConductAssessDemo(ctx, workspace.id);
  // The academy's live sessions (#21): one upcoming, one held with its recording.
  await loadSessionsDemo(ctx, workspace.id);
  // Very last: the parts after the history open, solve and answer cases too (repeats writes new
  // ones); the reports read every case's metrics, so none may wait for the minute's refresher.
  await refreshMetrics(ctx, { workspaceId: workspace.id, maxCases: 100_000 });
  const url = urlForHost(ctx.config.publicUrl, workspace.host);
  const customer = sample.customers[0];
  return [
    `Loaded the sample into workspace "${workspace.name}".`,
    "",
    `Start Rapport (npm start) and open ${url}`,
    "",
    "Sign in as an agent:",
    `  ${url}/login   email ${sample.staff[1].email}   password ${password}`,
    `  (admin: ${sample.staff[0].email}, engineer: ${sample.staff[3].email}, same password)`,
    "  This password is shown only now; running the demo again gives the demo staff a new one.",
    "  The engineer lands on the escalation queue; the agent finds the Error 1013 playbook under Playbooks.",
    "  Problems lists P-1 (Error 1013, with a workaround and its linked cases); Problems → Emerging shows",
    "  NetHub routers rebooting with E4402, not yet a problem. Den's screen pop shows the 1013 known issue.",
    `  The help center (${url}/help) has articles for every product; Help center in the app edits them.`,
    `  The community (${url}/community) has a solved Error 1013 thread linked to P-1, an MVP (Sam L.)`,
    `  and leaderboards (${url}/community/leaderboard); Community in the app reviews flags and MVPs.`,
    `  Feedback (${url}/feedback, and Feedback in the app) has ideas in every status: "Bluetooth on the Sub"`,
    "  was declined with an explanation, the Error 1013 idea is in progress with three cases behind it.",
    "  Reports, Retention and At-risk customers show six months of history. Conduct (admin) has Victor Crane",
    "  at the warning stage, his insults masked on his cases; Hannah, Omar and Greta are frustrated, not flagged.",
    `  The academy (${url}/academy) has "Getting the most from your speakers", a networking course on`,
    "  Error 1013's causes, and an upcoming live session; one customer in five completed a course.",
    "",
    "Sign in as a customer:",
    `  ${url}/portal/login   email ${customer.email}`,
    "  The one-time sign-in link is printed in the server log (no outbound mail is configured).",
    `  Then try the self-help guide: ${url}/portal/help/error-1013`,
    "",
    `Sample customers: ${sample.customers.map((c) => c.name).join(", ")}.`,
    `Try a screen pop: create an API token, then POST /api/v1/calls {"from":"${customer.phone}","to":"100"}.`,
    `Chat widget: ${url}/widget/demo is a sample shop page with the widget embedded; its chats arrive in the inbox.`,
  ].join("\n");
}

async function actorFor(ctx: Ctx, email: string): Promise<Actor> {
  const user = await findUserByEmail(ctx.db, email);
  const row = user ? await findActorForUser(ctx.db, user.id, undefined) : undefined;
  if (!row) throw new Error(`demo staff member ${email} is missing`);
  return { ...row, via: "session", permissions: permissionsOf(row.role) };
}
