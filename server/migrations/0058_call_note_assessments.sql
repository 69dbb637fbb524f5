-- Staff protection (issue #20): a call's note (what the agent wrote down or transcribed of the
-- customer's words when the call ended) is assessed like a customer's message.
alter table text_assessments drop constraint text_assessments_source_check;
alter table text_assessments add constraint text_assessments_source_check
  check (source in ('message', 'community_post', 'call_note'));
alter table assessment_queue drop constraint assessment_queue_source_check;
alter table assessment_queue add constraint assessment_queue_source_check
  check (source in ('message', 'community_post', 'call_note'));

create function assessment_queue_call_note() returns trigger language plpgsql as $$
begin
  if new.note is not null and btrim(new.note) <> ''
     and (tg_op = 'INSERT' or old.note is distinct from new.note) then
    insert into assessment_queue (workspace_id, source, source_id) values (new.workspace_id, 'call_note', new.id);
  end if;
  return null;
end $$;
create trigger assessment_queue_call_note after insert or update of note on calls
  for each row execute function assessment_queue_call_note();
