-- The search box's word probes ("are there only a few cases with this word? then here they
-- are"), as functions that pick their plan from the word's estimated frequency.
--
-- The probe asks for at most a couple of hundred matches. For a word the statistics call
-- common, the planner expects to meet that many early in a sequential scan, and is usually
-- right (0.3 ms). That bet is lost when the word's rows sit at the end of the table: a word
-- that became common only recently (an outage, a new error code) once ANALYZE noticed it. The
-- scan then reads nearly every row before it has enough: seconds at millions of rows. Forcing
-- the word index instead is no cure: for a truly common word it reads the whole posting list
-- (42-80 ms at 400,000 messages, measured).
--
-- So: a word estimated to have more than `common` matches is not probed at all (null is
-- returned, and the caller goes straight to checking the most recent cases, which is where an
-- outage word lives); any other word is looked up through its index only, which costs little
-- because its posting list is short. The estimate is the planner's own (an EXPLAIN of the
-- match, planned with the query's real words). The functions are volatile only because
-- PostgreSQL allows EXPLAIN nowhere else; they read and never write.
create function search_probe_estimate(statement text) returns float8
language plpgsql volatile
as $$
declare
  plan json;
begin
  execute 'explain (format json) ' || statement into plan;
  return (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8;
end
$$;

create function search_probe_subjects(ws uuid, q tsquery, n int, common int) returns uuid[]
language plpgsql volatile
set enable_seqscan = off
as $$
begin
  if search_probe_estimate(format(
       'select 1 from cases c where c.workspace_id = %L and to_tsvector(''simple'', c.subject) @@ %L::tsquery',
       ws, q)) > common then
    return null;
  end if;
  return array(
    select c.id from cases c
    where c.workspace_id = ws and to_tsvector('simple', c.subject) @@ q
    limit n);
end
$$;

create function search_probe_messages(ws uuid, q tsquery, n int, common int) returns uuid[]
language plpgsql volatile
set enable_seqscan = off
as $$
begin
  if search_probe_estimate(format(
       'select 1 from messages m where m.workspace_id = %L and m.body_tsv @@ %L::tsquery', ws, q)) > common then
    return null;
  end if;
  return array(
    select m.case_id from messages m
    where m.workspace_id = ws and m.body_tsv @@ q
    limit n);
end
$$;
