-- Search that forgives (issue 13): "drops out" for "dropout", "refunds" for "refunded".
--
-- Case subjects and message bodies stay indexed as 'simple' words (exact words, migration
-- 0010 and body_tsv), and are also indexed as English stems. The stems come from a copy of the
-- 'english' configuration whose stemmer keeps stop words: 'english' drops "out", "in", "up",
-- which would turn "drops out" into just "drop" and make a phrase query for the split
-- compound ("drop <-> out", built in cases.repo.ts) impossible.
create text search dictionary rapport_stem (template = snowball, language = english);
create text search configuration rapport_stems (copy = english);
alter text search configuration rapport_stems
  alter mapping replace english_stem with rapport_stem;

-- Subjects: an expression index, like the 'simple' one.
create index if not exists cases_subject_stems_idx on cases using gin (to_tsvector('rapport_stems', subject));

-- Messages: an expression index, not a second stored column. A stored tsvector would rewrite
-- the whole messages table (every row, at 4 M messages gigabytes of WAL and a long exclusive
-- lock); the index is built with one read of the table and no rewrite (the body is parsed once
-- per row: minutes at 4 M messages; about the size of messages_body_tsv_idx on disk). Its
-- costs afterwards: every new message is parsed once more on insert, and a row checked
-- without the index (the search's recent-window step, or a phrase's recheck) parses its body
-- again instead of reading a stored vector.
create index if not exists messages_body_stems_idx on messages using gin (to_tsvector('rapport_stems', body));

-- The probes of migration 0013, for a match on either the exact words (q, 'simple') or the
-- stems (s, 'rapport_stems'): one index each, OR'd in a bitmap. Same contract: null when the
-- planner estimates more than `common` matches, else at most n matching ids.
create function search_probe_subjects(ws uuid, q tsquery, s tsquery, n int, common int) returns uuid[]
language plpgsql volatile
set enable_seqscan = off
as $$
begin
  if search_probe_estimate(format(
       'select 1 from cases c where c.workspace_id = %L and (to_tsvector(''simple'', c.subject) @@ %L::tsquery'
       ' or to_tsvector(''rapport_stems'', c.subject) @@ %L::tsquery)',
       ws, q, s)) > common then
    return null;
  end if;
  return array(
    select c.id from cases c
    where c.workspace_id = ws
      and (to_tsvector('simple', c.subject) @@ q or to_tsvector('rapport_stems', c.subject) @@ s)
    limit n);
end
$$;

create function search_probe_messages(ws uuid, q tsquery, s tsquery, n int, common int) returns uuid[]
language plpgsql volatile
set enable_seqscan = off
as $$
begin
  if search_probe_estimate(format(
       'select 1 from messages m where m.workspace_id = %L and (m.body_tsv @@ %L::tsquery'
       ' or to_tsvector(''rapport_stems'', m.body) @@ %L::tsquery)', ws, q, s)) > common then
    return null;
  end if;
  return array(
    select m.case_id from messages m
    where m.workspace_id = ws and (m.body_tsv @@ q or to_tsvector('rapport_stems', m.body) @@ s)
    limit n);
end
$$;

analyze cases;
analyze messages;

-- The four-argument probes of 0013 are replaced by the ones above.
drop function search_probe_subjects(uuid, tsquery, int, int);
drop function search_probe_messages(uuid, tsquery, int, int);
