import type { ColumnType, Generated } from "kysely";

/** Kysely's view of the academy's shared tables (issue #21, migration 0060; docs/academy-api.md). */
type Json<T> = ColumnType<T, string | undefined, string>;

export type CourseLevel = "beginner" | "intermediate" | "advanced";
export type CourseState = "draft" | "published" | "archived";

export interface AcademyCoursesTable {
  id: Generated<string>;
  workspace_id: string;
  slug: string;
  title: string;
  summary: Generated<string>;
  cover_storage_key: string | null;
  cover_mime: string | null;
  level: Generated<CourseLevel>;
  duration_minutes: number | null;
  product_models: ColumnType<string[], string[] | undefined, string[]>;
  state: Generated<CourseState>;
  is_free: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  published_at: Date | null;
}

export interface AcademyModulesTable {
  id: Generated<string>;
  workspace_id: string;
  course_id: string;
  title: string;
  position: number;
  created_at: Generated<Date>;
}

export type LessonKind = "text" | "video" | "quiz" | "link" | "session";

export interface AcademyLessonsTable {
  id: Generated<string>;
  workspace_id: string;
  course_id: string;
  module_id: string;
  title: string;
  kind: LessonKind;
  position: number;
  required: Generated<boolean>;
  body_md: Generated<string>;
  video_storage_key: string | null;
  video_mime: string | null;
  video_bytes: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  video_embed_url: string | null;
  video_seconds: number | null;
  captions_vtt: string | null;
  transcript: string | null;
  link_kind: "article" | "playbook" | null;
  link_target_id: string | null;
  pass_percent: number | null;
  attempt_limit: number | null;
  shuffle_questions: Generated<boolean>;
  shuffle_choices: Generated<boolean>;
  session_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type QuestionKind = "single" | "multiple" | "short";
export interface QuizChoice {
  id: string;
  text: string;
}

export interface AcademyQuizQuestionsTable {
  id: Generated<string>;
  workspace_id: string;
  lesson_id: string;
  position: number;
  kind: QuestionKind;
  prompt: string;
  choices: Json<QuizChoice[]>;
  /** Choice ids (single/multiple) or accepted answers (short). Never sent before submission. */
  correct: Json<string[]>;
  explanation: Generated<string>;
}

export interface AcademyEnrollmentsTable {
  id: Generated<string>;
  workspace_id: string;
  course_id: string;
  customer_id: string;
  enrolled_at: Generated<Date>;
  last_lesson_id: string | null;
  completed_at: Date | null;
}

export type CompletedVia = "read" | "watched" | "quiz" | "attended" | "opened";

export interface AcademyLessonProgressTable {
  workspace_id: string;
  lesson_id: string;
  customer_id: string;
  course_id: string;
  percent: Generated<number>;
  position_seconds: Generated<number>;
  completed_at: Date | null;
  completed_via: CompletedVia | null;
  updated_at: Generated<Date>;
}

export interface AcademyCertificatesTable {
  id: Generated<string>;
  workspace_id: string;
  customer_id: string;
  course_id: string | null;
  path_id: string | null;
  code: string;
  learner_name: string;
  title: string;
  issued_at: Generated<Date>;
  revoked_at: Date | null;
  revoked_reason: string | null;
  revoked_by: string | null;
}

export type SessionState = "scheduled" | "cancelled" | "held";

export interface AcademySessionsTable {
  id: Generated<string>;
  workspace_id: string;
  slug: string;
  title: string;
  description: Generated<string>;
  host_membership_id: string | null;
  starts_at: Date;
  host_time_zone: string;
  duration_minutes: number;
  capacity: number;
  join_url: string | null;
  recording_url: string | null;
  course_id: string | null;
  state: Generated<SessionState>;
  schedule_version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** 0063: the schedule_version each reminder was last sent for (sessions/reminders.ts). */
  reminded_24h_version: Generated<number>;
  reminded_1h_version: Generated<number>;
}

export type RegistrationStatus = "confirmed" | "waitlisted" | "cancelled";

export interface AcademyRegistrationsTable {
  id: Generated<string>;
  workspace_id: string;
  session_id: string;
  customer_id: string;
  status: RegistrationStatus;
  created_at: Generated<Date>;
  confirmed_at: Date | null;
  cancelled_at: Date | null;
  attended: boolean | null;
  attendance_marked_at: Date | null;
}

export interface AcademyQuizAttemptsTable {
  id: Generated<string>;
  workspace_id: string;
  lesson_id: string;
  customer_id: string;
  attempt_number: number;
  /** {"questions": [questionId…], "choices": {questionId: [choiceId…]}} as shown. */
  layout: Json<{ questions: string[]; choices: Record<string, string[]> }>;
  started_at: Generated<Date>;
  submitted_at: Date | null;
  score_percent: number | null;
  passed: boolean | null;
}

export interface AcademyQuizAnswersTable {
  attempt_id: string;
  workspace_id: string;
  question_id: string;
  answer: Json<string[]>;
  correct: boolean;
}

export interface AcademyPathsTable {
  id: Generated<string>;
  workspace_id: string;
  slug: string;
  title: string;
  summary: Generated<string>;
  state: Generated<CourseState>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AcademyPathCoursesTable {
  path_id: string;
  workspace_id: string;
  course_id: string;
  position: number;
}

/** Migration 0064 (academy/support): lessons suggested in replies. */
export interface AcademyLessonSuggestionsTable {
  id: Generated<string>;
  workspace_id: string;
  case_id: string;
  customer_id: string;
  lesson_id: string;
  message_id: string;
  suggested_by: string | null;
  suggested_by_name: string;
  suggested_at: Generated<Date>;
  completed_at: Date | null;
}

/** Migration 0064: a lesson recommended by a help article or a playbook's outcome step. */
export interface AcademyLessonRecommendationsTable {
  id: Generated<string>;
  workspace_id: string;
  target_kind: "article" | "playbook_outcome";
  target_id: string;
  step_id: Generated<string>;
  lesson_id: string;
  set_by: string | null;
  set_at: Generated<Date>;
}

export interface AcademyTables {
  academy_courses: AcademyCoursesTable;
  academy_modules: AcademyModulesTable;
  academy_lessons: AcademyLessonsTable;
  academy_quiz_questions: AcademyQuizQuestionsTable;
  academy_enrollments: AcademyEnrollmentsTable;
  academy_lesson_progress: AcademyLessonProgressTable;
  academy_certificates: AcademyCertificatesTable;
  academy_sessions: AcademySessionsTable;
  academy_registrations: AcademyRegistrationsTable;
  academy_quiz_attempts: AcademyQuizAttemptsTable;
  academy_quiz_answers: AcademyQuizAnswersTable;
  academy_paths: AcademyPathsTable;
  academy_path_courses: AcademyPathCoursesTable;
  academy_lesson_suggestions: AcademyLessonSuggestionsTable;
  academy_lesson_recommendations: AcademyLessonRecommendationsTable;
  academy_images: AcademyImagesTable;
}

export type AcademyTenantTable = keyof AcademyTables;

/** A picture in a lesson's text (migration 0061, authoring). */
export interface AcademyImagesTable {
  id: Generated<string>;
  workspace_id: string;
  course_id: string;
  storage_key: string;
  mime: string;
  bytes: number;
  created_at: Generated<Date>;
}
