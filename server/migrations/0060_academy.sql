-- The academy (issue #21): the shared tables of the pillar. Later migrations of the pillar add
-- what one part needs alone (quiz attempts, learning paths, lesson suggestions); these are the
-- contract between the parts (see docs/academy-api.md).

-- A course. Free by default: `is_free` exists so a workspace can mark one otherwise, but nothing
-- in Rapport charges for it.
create table academy_courses (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 120),
  title text not null check (length(title) between 1 and 200),
  summary text not null default '' check (length(summary) <= 2000),
  -- An image in attachment storage (key) with its sniffed type; null without a cover.
  cover_storage_key text,
  cover_mime text,
  level text not null default 'beginner' check (level in ('beginner', 'intermediate', 'advanced')),
  duration_minutes integer check (duration_minutes between 1 and 100000),
  product_models text[] not null default '{}',
  state text not null default 'draft' check (state in ('draft', 'published', 'archived')),
  is_free boolean not null default true,
  created_by uuid references memberships (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz,
  unique (workspace_id, slug)
);

create table academy_modules (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  course_id uuid not null references academy_courses (id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  -- Order inside the course; rewritten whole by a reorder, so no uniqueness to juggle.
  position integer not null,
  created_at timestamptz not null default now()
);
create index academy_modules_course_idx on academy_modules (course_id, position);

-- A lesson. One kind each; the columns of the other kinds stay null.
create table academy_lessons (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  course_id uuid not null references academy_courses (id) on delete cascade,
  module_id uuid not null references academy_modules (id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  kind text not null check (kind in ('text', 'video', 'quiz', 'link', 'session')),
  position integer not null,
  -- Optional lessons do not hold back the certificate.
  required boolean not null default true,
  -- text: markdown (sanitised when rendered). Also the lead-in of the other kinds.
  body_md text not null default '' check (length(body_md) <= 200000),
  -- video: an uploaded file (storage key, sniffed type, size) or an embed URL on an allowed host.
  video_storage_key text,
  video_mime text,
  video_bytes bigint,
  video_embed_url text,
  video_seconds integer,
  captions_vtt text check (length(captions_vtt) <= 500000),
  transcript text check (length(transcript) <= 500000),
  -- link: a help article or a playbook of this workspace.
  link_kind text check (link_kind in ('article', 'playbook')),
  link_target_id uuid,
  -- quiz: pass mark in percent, attempts allowed (null = unlimited), shuffling.
  pass_percent integer check (pass_percent between 0 and 100),
  attempt_limit integer check (attempt_limit between 1 and 100),
  shuffle_questions boolean not null default false,
  shuffle_choices boolean not null default false,
  -- session: the live session whose attendance completes this lesson.
  session_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index academy_lessons_module_idx on academy_lessons (module_id, position);
create index academy_lessons_course_idx on academy_lessons (course_id);
create index academy_lessons_search_idx on academy_lessons
  using gin (to_tsvector('simple', title || ' ' || left(body_md, 20000)));

-- A quiz question. `correct` never leaves the server before an attempt is submitted.
create table academy_quiz_questions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  lesson_id uuid not null references academy_lessons (id) on delete cascade,
  position integer not null,
  kind text not null check (kind in ('single', 'multiple', 'short')),
  prompt text not null check (length(prompt) between 1 and 4000),
  -- single/multiple: [{"id": "a", "text": "…"}]; short: [].
  choices jsonb not null default '[]',
  -- single/multiple: the ids of the right choices; short: the accepted answers (compared
  -- case- and space-insensitively).
  correct jsonb not null default '[]',
  explanation text not null default '' check (length(explanation) <= 4000)
);
create index academy_quiz_questions_lesson_idx on academy_quiz_questions (lesson_id, position);

-- A customer taking a course. Created on the first lesson opened (or an explicit enrol).
create table academy_enrollments (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  course_id uuid not null references academy_courses (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  enrolled_at timestamptz not null default now(),
  -- Where the learner left off, to resume.
  last_lesson_id uuid references academy_lessons (id) on delete set null,
  -- Every required lesson complete (set once; later added lessons do not take it back).
  completed_at timestamptz,
  unique (course_id, customer_id)
);
create index academy_enrollments_customer_idx on academy_enrollments (workspace_id, customer_id);

create table academy_lesson_progress (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  lesson_id uuid not null references academy_lessons (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  course_id uuid not null references academy_courses (id) on delete cascade,
  -- How far: percent read or watched (the highest reached), and a video's resume point.
  percent integer not null default 0 check (percent between 0 and 100),
  position_seconds integer not null default 0 check (position_seconds >= 0),
  completed_at timestamptz,
  completed_via text check (completed_via in ('read', 'watched', 'quiz', 'attended', 'opened')),
  updated_at timestamptz not null default now(),
  primary key (lesson_id, customer_id)
);
create index academy_lesson_progress_customer_idx on academy_lesson_progress (workspace_id, customer_id);

-- A certificate for a course or a learning path. The code is random and looked up: the PDF
-- carries no authority of its own. Name and title are copied at issue so the certificate says
-- what it said that day.
create table academy_certificates (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  course_id uuid references academy_courses (id) on delete set null,
  path_id uuid,
  code text not null unique check (code ~ '^[A-Z0-9-]{12,40}$'),
  learner_name text not null,
  title text not null,
  issued_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_reason text,
  revoked_by uuid references memberships (id) on delete set null,
  check (course_id is not null or path_id is not null or revoked_at is not null)
);
create unique index academy_certificates_course_once on academy_certificates (customer_id, course_id)
  where course_id is not null and revoked_at is null;
create index academy_certificates_customer_idx on academy_certificates (workspace_id, customer_id);

-- A live session. The start is an instant; the host's zone is kept to show "their" time too.
create table academy_sessions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 120),
  title text not null check (length(title) between 1 and 200),
  description text not null default '' check (length(description) <= 20000),
  host_membership_id uuid references memberships (id) on delete set null,
  starts_at timestamptz not null,
  host_time_zone text not null,
  duration_minutes integer not null check (duration_minutes between 5 and 1440),
  capacity integer not null check (capacity between 1 and 100000),
  join_url text,
  recording_url text,
  course_id uuid references academy_courses (id) on delete set null,
  state text not null default 'scheduled' check (state in ('scheduled', 'cancelled', 'held')),
  -- Bumped on every change of time, so reminders queued for an old time know they are stale.
  schedule_version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, slug)
);
create index academy_sessions_start_idx on academy_sessions (workspace_id, starts_at);

create table academy_registrations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  session_id uuid not null references academy_sessions (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  -- confirmed holds a seat; waitlisted waits in `created_at` order; cancelled frees a seat.
  status text not null check (status in ('confirmed', 'waitlisted', 'cancelled')),
  created_at timestamptz not null default now(),
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  attended boolean,
  attendance_marked_at timestamptz,
  unique (session_id, customer_id)
);
create index academy_registrations_queue_idx on academy_registrations (session_id, status, created_at);
create index academy_registrations_customer_idx on academy_registrations (workspace_id, customer_id);

-- A session lesson names its session (declared after both tables exist). A deleted session
-- leaves the lesson without one rather than deleting the lesson.
alter table academy_lessons
  add constraint academy_lessons_session_fk foreign key (session_id) references academy_sessions (id) on delete set null;
create index academy_lessons_session_idx on academy_lessons (session_id) where session_id is not null;

-- A quiz attempt. Numbered per learner and lesson, so the attempt limit holds under concurrent
-- submissions (the unique key refuses a second attempt with the same number). `layout` keeps
-- the order the questions and choices were shown in, so a shuffled quiz is graded as shown.
create table academy_quiz_attempts (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  lesson_id uuid not null references academy_lessons (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  attempt_number integer not null check (attempt_number >= 1),
  layout jsonb not null default '{}',
  started_at timestamptz not null default now(),
  submitted_at timestamptz,
  score_percent integer check (score_percent between 0 and 100),
  passed boolean,
  unique (lesson_id, customer_id, attempt_number)
);
create index academy_quiz_attempts_customer_idx on academy_quiz_attempts (workspace_id, customer_id);

-- Each answer of a submitted attempt, right or wrong: the report's "most often failed questions".
create table academy_quiz_answers (
  attempt_id uuid not null references academy_quiz_attempts (id) on delete cascade,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  question_id uuid not null references academy_quiz_questions (id) on delete cascade,
  answer jsonb not null,
  correct boolean not null,
  primary key (attempt_id, question_id)
);
create index academy_quiz_answers_question_idx on academy_quiz_answers (question_id, correct);

-- A learning path: an ordered set of courses, with a path certificate at the end.
create table academy_paths (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 120),
  title text not null check (length(title) between 1 and 200),
  summary text not null default '' check (length(summary) <= 2000),
  state text not null default 'draft' check (state in ('draft', 'published', 'archived')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, slug)
);

create table academy_path_courses (
  path_id uuid not null references academy_paths (id) on delete cascade,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  course_id uuid not null references academy_courses (id) on delete cascade,
  position integer not null,
  primary key (path_id, course_id)
);
create index academy_path_courses_course_idx on academy_path_courses (course_id);

alter table academy_certificates
  add constraint academy_certificates_path_fk foreign key (path_id) references academy_paths (id) on delete set null;
create unique index academy_certificates_path_once on academy_certificates (customer_id, path_id)
  where path_id is not null and revoked_at is null;
