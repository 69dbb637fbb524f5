import assert from "node:assert/strict";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { startSink } from "../../../test/mail.ts";
import { sweepSurveys } from "./send.ts";

/**
 * The people the survey tests share: an admin, a team "Care" with an agent and its lead, a real
 * SMTP sink the survey mail arrives in. Cases are made and solved through the HTTP API.
 */
export type SurveyWorld = Awaited<ReturnType<typeof startSurveyWorld>>;

export async function startSurveyWorld() {
  const sink = await startSink();
  const server = await startTestServer({
    env: { SMTP_URL: sink.url, EMAIL_ACKNOWLEDGEMENT: "", WEBHOOK_ALLOW_PRIVATE: "true" },
  });
  const { admin } = await setUpWorkspace(server);
  const a = await staffClient(server, "agent");
  const l = await staffClient(server, "agent");
  const members = (await admin.get("/api/v1/members?limit=100")).body.items as Array<{
    id: string;
    email: string;
  }>;
  const agentId = members.find((m) => m.email === a.email)?.id ?? "";
  const leadId = members.find((m) => m.email === l.email)?.id ?? "";
  const teams = await admin.post("/api/v1/teams", { name: "Care", memberIds: [agentId, leadId] });
  assert.equal(teams.status, 201, JSON.stringify(teams.body));
  const teamId = teams.body.items.find((t: { name: string }) => t.name === "Care").id as string;
  const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);
  // Leads are set by the people part's screens; surveys only read the flag.
  await q("update team_members set is_lead = true where membership_id = $1", [leadId]);
  return {
    server,
    sink,
    admin,
    agent: a.client,
    lead: l.client,
    agentId,
    leadId,
    teamId,
    anon: new TestClient(server.url, { origin: null }),
    q,
    close: async () => {
      await server.close();
      await sink.close();
    },
  };
}

export async function newCustomer(w: { admin: TestClient }, name: string, email?: string) {
  const res = await w.admin.post("/api/v1/customers", { name, emails: email ? [email] : [] });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

/** A case opened and then solved by staff, as an agent does it. */
export async function solvedCase(
  w: { admin: TestClient },
  customerId: string,
  opts: { channel?: string; tags?: string[]; teamId?: string; assigneeId?: string; subject?: string } = {},
) {
  const res = await w.admin.post("/api/v1/cases", {
    customerId,
    subject: opts.subject ?? "The speaker hums",
    message: "It hums when the volume is low.",
    channel: opts.channel ?? "email",
    ...(opts.tags && { tags: opts.tags }),
    ...(opts.teamId && { teamId: opts.teamId }),
    ...(opts.assigneeId && { assigneeId: opts.assigneeId }),
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const solved = await w.admin.patch(`/api/v1/cases/${res.body.id}`, { status: "solved" });
  assert.equal(solved.status, 200, JSON.stringify(solved.body));
  return { id: res.body.id as string, number: res.body.number as number };
}

export type SurveyRow = {
  id: string;
  kind: string;
  scale: string;
  channel: string;
  status: string;
  skip_reason: string | null;
  send_at: Date;
  created_at: Date;
  expires_at: Date | null;
};

export async function surveysOf(w: { q: SurveyWorld["q"] }, caseId: string): Promise<SurveyRow[]> {
  return (await w.q("select * from surveys where case_id = $1 order by kind", [caseId])).rows;
}

export const sweepAt = (w: { server: TestServer }, at: Date) => sweepSurveys(w.server.runtime.ctx, at);
export const minutesLater = (m: number) => new Date(Date.now() + m * 60_000);

/** The one-click token from the survey mail that arrived for `to` (the n-th one, oldest first). */
export async function tokenFromMail(w: { sink: SurveyWorld["sink"] }, to: string, nth = 0): Promise<string> {
  return eventually(() => {
    const mails = w.sink.received.filter(
      (m) => m.envelopeTo.includes(to) && /\/s\/[\w-]+\?rating=/.test(m.mail.text ?? ""),
    );
    const text = mails[nth]?.mail.text;
    return text ? /\/s\/([\w-]+)\?rating=/.exec(text)?.[1] : undefined;
  }, 20_000);
}

/** A customer signed in to the portal by the link in their sign-in email (the sink holds it). */
export async function portalCustomer(w: { server: TestServer; sink: SurveyWorld["sink"] }, email: string) {
  const client = new TestClient(w.server.url);
  const res = await client.post("/api/auth/sign-in/magic-link", { email, callbackURL: "/portal" });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const link = await eventually(() => {
    const mail = w.sink.received.find(
      (m) => m.envelopeTo.includes(email) && /token=/.test(m.mail.text ?? ""),
    );
    return /(https?:\/\/\S*token=\S+)/.exec(mail?.mail.text ?? "")?.[1];
  }, 20_000);
  const url = new URL(link);
  const opened = await client.get(url.pathname + url.search);
  assert.equal(opened.status, 302, JSON.stringify(opened.body));
  return client;
}
