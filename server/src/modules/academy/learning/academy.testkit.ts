import assert from "node:assert/strict";
import type { TestClient } from "../../../../test/client.ts";
import type { TestServer } from "../../../../test/harness.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import type { CourseState, LessonKind, QuestionKind, QuizChoice } from "../schema-academy.ts";

/**
 * Academy content for the learner tests, written as rows: the authoring API is built by another
 * part at the same time, and these tests are about learning, not authoring.
 */
let n = 0;

export type LessonSpec = {
  title?: string;
  kind: LessonKind;
  required?: boolean;
  body?: string;
  passPercent?: number;
  attemptLimit?: number | null;
  shuffleQuestions?: boolean;
  shuffleChoices?: boolean;
  videoEmbedUrl?: string;
  captionsVtt?: string;
  transcript?: string;
  linkKind?: "article" | "playbook";
  linkTargetId?: string;
  questions?: Array<{
    kind: QuestionKind;
    prompt: string;
    choices?: QuizChoice[];
    correct: string[];
    explanation?: string;
  }>;
};

export type SeededCourse = {
  id: string;
  slug: string;
  title: string;
  modules: Array<{ id: string; lessons: Array<{ id: string; questions: string[] }> }>;
  lessonIds: string[];
};

export async function seedCourse(
  server: TestServer,
  workspaceId: string,
  spec: { title?: string; state?: CourseState; modules: LessonSpec[][] },
): Promise<SeededCourse> {
  n++;
  const scope = new TenantScope(server.runtime.ctx.db, workspaceId);
  const title = spec.title ?? `Getting the most from your speakers ${n}`;
  const slug = `course-${n}-${Math.random().toString(36).slice(2, 8)}`;
  const course = await scope
    .insertInto("academy_courses", {
      slug,
      title,
      summary: "Learn your speakers.",
      state: spec.state ?? "published",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const out: SeededCourse = { id: course.id, slug, title, modules: [], lessonIds: [] };
  for (const [mi, lessons] of spec.modules.entries()) {
    const mod = await scope
      .insertInto("academy_modules", { course_id: course.id, title: `Module ${mi + 1}`, position: mi })
      .returning("id")
      .executeTakeFirstOrThrow();
    const seededLessons: SeededCourse["modules"][number]["lessons"] = [];
    for (const [li, l] of lessons.entries()) {
      const lesson = await scope
        .insertInto("academy_lessons", {
          course_id: course.id,
          module_id: mod.id,
          title: l.title ?? `Lesson ${mi + 1}.${li + 1}`,
          kind: l.kind,
          position: li,
          required: l.required ?? true,
          body_md: l.body ?? "",
          pass_percent: l.kind === "quiz" ? (l.passPercent ?? 50) : null,
          attempt_limit: l.attemptLimit ?? null,
          shuffle_questions: l.shuffleQuestions ?? false,
          shuffle_choices: l.shuffleChoices ?? false,
          video_embed_url: l.videoEmbedUrl ?? null,
          video_seconds: l.kind === "video" ? 120 : null,
          captions_vtt: l.captionsVtt ?? null,
          transcript: l.transcript ?? null,
          link_kind: l.linkKind ?? null,
          link_target_id: l.linkTargetId ?? null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const questions: string[] = [];
      for (const [qi, q] of (l.questions ?? []).entries()) {
        const row = await scope
          .insertInto("academy_quiz_questions", {
            lesson_id: lesson.id,
            position: qi,
            kind: q.kind,
            prompt: q.prompt,
            choices: JSON.stringify(q.choices ?? []),
            correct: JSON.stringify(q.correct),
            explanation: q.explanation ?? "",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        questions.push(row.id);
      }
      seededLessons.push({ id: lesson.id, questions });
      out.lessonIds.push(lesson.id);
    }
    out.modules.push({ id: mod.id, lessons: seededLessons });
  }
  return out;
}

/** A three-question quiz: single, multiple and short answers. */
export function speakerQuiz(overrides: Partial<LessonSpec> = {}): LessonSpec {
  return {
    kind: "quiz",
    title: "Check what you learnt",
    passPercent: 60,
    questions: [
      {
        kind: "single",
        prompt: "Which band does the speaker prefer?",
        choices: [
          { id: "a", text: "2.4 GHz" },
          { id: "b", text: "5 GHz" },
          { id: "c", text: "60 GHz" },
        ],
        correct: ["b"],
        explanation: "5 GHz is less crowded.",
      },
      {
        kind: "multiple",
        prompt: "Which of these can cause Error 1013?",
        choices: [
          { id: "a", text: "A blocked update server" },
          { id: "b", text: "A firewall" },
          { id: "c", text: "The volume knob" },
        ],
        correct: ["a", "b"],
        explanation: "1013 means the update server cannot be reached.",
      },
      {
        kind: "short",
        prompt: "What do you hold to reset the speaker?",
        correct: ["the play button", "play"],
        explanation: "Hold Play for ten seconds.",
      },
    ],
    ...overrides,
  };
}

export async function customerIdOf(client: TestClient): Promise<string> {
  const res = await client.get("/api/v1/portal/profile");
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.customer.id as string;
}

/** The question ids of a seeded lesson, in authoring order. */
export function questionIds(
  c: SeededCourse,
  moduleIndex: number,
  lessonIndex: number,
): [string, string, string] {
  const ids = c.modules[moduleIndex]?.lessons[lessonIndex]?.questions;
  if (!ids) throw new Error("no such seeded lesson");
  return ids as [string, string, string];
}
