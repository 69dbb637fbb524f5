-- Academy authoring (issue #21): pictures in lesson text. Each belongs to a course, so it is
-- shown to whoever may read that course's lessons, and goes with the course when it is deleted
-- (the file itself then goes with the orphaned-file collector).
create table academy_images (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  course_id uuid not null references academy_courses (id) on delete cascade,
  storage_key text not null,
  mime text not null,
  bytes integer not null check (bytes > 0),
  created_at timestamptz not null default now()
);
create index academy_images_course_idx on academy_images (course_id);
create index academy_images_key_idx on academy_images (storage_key);
