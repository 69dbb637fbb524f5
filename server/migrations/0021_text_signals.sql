-- Detecting recurring problems (issue 14): what each case says, in a form that can be compared.
--
-- One row per case, written by the `problems.signals` sweep (modules/problems/detection):
-- the error signatures found in the subject, the first customer message and the case's
-- diagnostic snapshots, the text that was embedded, and its vector. No pgvector here, so the
-- vector is a bytea of little-endian float32s (2 kB for 512 dimensions): read back as one
-- Buffer it becomes a Float32Array without parsing, where a real[] would be parsed element by
-- element as text. Similarity is computed in JS over the few thousand cases of a window.
create table case_text_signals (
  case_id uuid primary key references cases(id) on delete cascade,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  signatures text[] not null default '{}',
  body text not null,
  -- English configuration (drops stop words) for the lexical first stage of findSimilar.
  body_tsv tsvector generated always as (to_tsvector('english', body)) stored,
  vector bytea,
  model_id text,
  computed_at timestamptz not null default now()
);
create index case_text_signals_signatures_idx on case_text_signals using gin (signatures);
create index case_text_signals_tsv_idx on case_text_signals using gin (body_tsv);
create index case_text_signals_ws_idx on case_text_signals (workspace_id, computed_at);

-- The emerging-issues window reads a workspace's recent cases.
create index if not exists cases_ws_created_idx on cases (workspace_id, created_at);

-- Admin-defined error patterns (re2 syntax, linear-time), applied beside the built-in codes.
create table signature_patterns (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  name text not null,
  pattern text not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  unique (workspace_id, name)
);

-- N cases from M customers within T hours; no row means the defaults (5, 3, 72).
create table problem_detection_settings (
  workspace_id uuid primary key references workspaces(id) on delete cascade,
  min_cases int not null,
  min_customers int not null,
  window_hours int not null,
  updated_at timestamptz not null default now()
);
