-- The search box's word probes ("are there more than a few cases with this word?") as
-- functions that never scan the table.
--
-- The probe asks for at most a couple of hundred matches. For a word the statistics call
-- common, the planner expects to meet that many early in a sequential scan and prefers it to
-- the word index. That bet is lost when the word's rows sit at the end of the table: a word
-- that became common only recently (an outage, a new error code) right after ANALYZE noticed
-- it. The scan then reads nearly every case or message before it has enough: seconds, at
-- millions of rows. The word index answers in about a millisecond whatever the word, so the
-- probe is told to use it (set enable_seqscan = off, which only applies inside the function).
create function search_probe_subjects(ws uuid, q tsquery, n int) returns setof uuid
language sql stable
set enable_seqscan = off
as $$
  select c.id from cases c
  where c.workspace_id = ws and to_tsvector('simple', c.subject) @@ q
  limit n
$$;

create function search_probe_messages(ws uuid, q tsquery, n int) returns setof uuid
language sql stable
set enable_seqscan = off
as $$
  select m.case_id from messages m
  where m.workspace_id = ws and m.body_tsv @@ q
  limit n
$$;
