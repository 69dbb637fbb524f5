-- Community reputation (issue #16): what the leaderboards read, and what keeps nominations honest.
--
-- Weekly and monthly leaderboards are calendar periods (ISO week from Monday, month from the
-- 1st, UTC). Each ledger row adds its points to the member's row for the current week, the
-- current month and all time, once per category and once overall (category_id null), in the
-- same transaction as the ledger row. A leaderboard is then an index scan of one period's rows
-- in points order: its cost depends on the page asked for, not on how many votes were cast.
-- The overall all-time board reads community_members.reputation (and its index) instead.
create table community_reputation_periods (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  period text not null check (period in ('week', 'month', 'all')),
  -- Monday of the week, 1st of the month, 1970-01-01 for all time.
  starts_on date not null,
  -- Null: every category together (the overall board).
  category_id uuid references community_categories (id) on delete cascade,
  member_id uuid not null references community_members (id) on delete cascade,
  points integer not null default 0,
  unique nulls not distinct (workspace_id, period, starts_on, category_id, member_id)
);
-- Two indexes, so each board is read in points order without a sort: PostgreSQL does not treat
-- "category_id is null" as fixing the column for ordering, so the overall rows get their own.
create index community_reputation_periods_board_idx
  on community_reputation_periods (workspace_id, period, starts_on, category_id, points desc, member_id)
  where category_id is not null;
create index community_reputation_periods_overall_idx
  on community_reputation_periods (workspace_id, period, starts_on, points desc, member_id)
  where category_id is null;
create index community_reputation_periods_member_idx on community_reputation_periods (member_id);

-- A vote's or an acceptance's current contribution is found from its post's ledger rows.
create index community_reputation_events_post_idx
  on community_reputation_events (post_id, source_key) where post_id is not null;

-- One pending nomination per nominee per nominator, enforced here (a second one is a 409).
create unique index community_mvp_nominations_pending_idx
  on community_mvp_nominations (nominee_member_id, nominated_by_member_id) where status = 'pending';
create index community_mvp_terms_ws_idx on community_mvp_terms (workspace_id, ends_at desc);
