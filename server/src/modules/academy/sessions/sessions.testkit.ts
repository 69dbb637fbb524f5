import assert from "node:assert/strict";
import type { TestClient } from "../../../../test/client.ts";
import { customerClient, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../../test/harness.ts";

/**
 * What the live-session tests share: one server (sign-in links unthrottled, since each test
 * signs several customers in), an admin, an agent who hosts, and helpers to read what a
 * customer was sent (the outbox rows) and to seed a course with a session lesson in SQL.
 */
export type SessionWorld = { server: TestServer; admin: TestClient; agent: TestClient; workspaceId: string };

export async function startSessionWorld(): Promise<SessionWorld> {
  const server = await startTestServer({ env: { LOGIN_RATE_LIMIT: "10000" } });
  const { admin, workspaceId } = await setUpWorkspace(server);
  const { client: agent } = await staffClient(server, "agent");
  return { server, admin, agent, workspaceId };
}

export function query(w: SessionWorld, text: string, values: unknown[] = []) {
  return w.server.runtime.ctx.pool.query(text, values);
}

const HOUR = 3600_000;
export const inHours = (h: number) => new Date(Date.now() + h * HOUR);

export async function newSession(w: SessionWorld, body: Record<string, unknown> = {}) {
  const res = await w.agent.post("/api/v1/academy/sessions", {
    title: "Speaker setup Q&A",
    description: "Bring your questions about pairing and placement.",
    startsAt: new Date(Math.floor(inHours(72).getTime() / 60_000) * 60_000).toISOString(),
    hostTimeZone: "Europe/Paris",
    durationMinutes: 60,
    capacity: 10,
    joinUrl: "https://meet.example.com/speakers",
    ...body,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; slug: string; startsAt: string; scheduleVersion: number; title: string };
}

/** A signed-in customer (portal link) and their customer id. */
export async function newLearner(w: SessionWorld, prefix = "learner") {
  const email = `${prefix}-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const { client } = await customerClient(w.server, email);
  const profile = await client.get("/api/v1/portal/profile");
  assert.equal(profile.status, 200, JSON.stringify(profile.body));
  return { client, email, customerId: profile.body.customer.id as string };
}

export type SentMail = {
  subject: string;
  body: string;
  headers: { calendar?: { method: string; content: string } };
};

/** Mail queued to an address, oldest first. */
export async function mailTo(w: SessionWorld, email: string): Promise<SentMail[]> {
  const { rows } = await query(
    w,
    "select subject, body, headers from outbound_mail where to_address = $1 and kind = 'notification' order by created_at, id",
    [email],
  );
  return rows as SentMail[];
}

/** A field of the VEVENT of an .ics (unfolded), e.g. DTSTART. */
export function icsField(ics: string, name: string): string | undefined {
  const unfolded = ics.replace(/\r?\n[ \t]/g, "");
  return new RegExp(`^${name}(?:;[^:]*)?:(.*)$`, "m").exec(unfolded)?.[1]?.trim();
}

/** A published course with one module and one required lesson completed by attending `sessionId`. */
export async function courseWithSessionLesson(w: SessionWorld, sessionId: string) {
  const slug = `live-${Math.random().toString(36).slice(2, 8)}`;
  const course = await query(
    w,
    "insert into academy_courses (workspace_id, slug, title, state) values ($1, $2, 'Live training', 'published') returning id",
    [w.workspaceId, slug],
  );
  const courseId = course.rows[0].id as string;
  const mod = await query(
    w,
    "insert into academy_modules (workspace_id, course_id, title, position) values ($1, $2, 'Live', 0) returning id",
    [w.workspaceId, courseId],
  );
  const lesson = await query(
    w,
    `insert into academy_lessons (workspace_id, course_id, module_id, title, kind, position, session_id)
     values ($1, $2, $3, 'Join the live session', 'session', 0, $4) returning id`,
    [w.workspaceId, courseId, mod.rows[0].id, sessionId],
  );
  return { courseId, lessonId: lesson.rows[0].id as string };
}

/** Mail to an address about one session (its page link is in every notice), oldest first. */
export async function mailAbout(w: SessionWorld, email: string, slug: string): Promise<SentMail[]> {
  return (await mailTo(w, email)).filter((m) => m.body.includes(`/academy/sessions/${slug}\n`));
}

/**
 * Signed-in customers to share across a file's tests (each test makes its own session):
 * sign-in links are verified at most 20 times a minute per address.
 */
export async function learnerPool(w: SessionWorld, n: number) {
  const out: Array<Awaited<ReturnType<typeof newLearner>>> = [];
  for (let i = 0; i < n; i++) out.push(await newLearner(w, `pool${i}`));
  return out;
}
