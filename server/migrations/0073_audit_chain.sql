-- Issue #23: the audit log becomes tamper-evident. Each record carries its place in its
-- workspace's chain (seq), the hash of the record before it (prev_hash) and its own hash, a
-- SHA-256 over a canonical encoding of everything it says. Changing, deleting or reordering a
-- record breaks the chain, which `rapport audit verify` reports.

alter table audit_log add column seq bigint;
alter table audit_log add column prev_hash text;
alter table audit_log add column hash text;

-- The one definition of a record's hash, used when appending and when verifying, so the two
-- can never disagree about the encoding. jsonb's text form is canonical (keys sorted, one
-- spelling per value), and the time is its exact epoch with microseconds.
create function audit_record_hash(
  p_workspace_id uuid,
  p_seq bigint,
  p_created_at timestamptz,
  p_actor_user_id text,
  p_action text,
  p_subject_type text,
  p_subject_id text,
  p_data jsonb,
  p_request_id text,
  p_prev_hash text
) returns text
language sql immutable parallel safe
as $$
  select encode(sha256(convert_to(jsonb_build_array(
    'rapport-audit-v1', p_workspace_id::text, p_seq, extract(epoch from p_created_at)::text,
    p_actor_user_id, p_action, p_subject_type, p_subject_id, p_data, p_request_id, p_prev_hash
  )::text, 'UTF8')), 'hex')
$$;

-- Each workspace's chain head. Appending locks this row (the upsert takes the row lock), so
-- two concurrent appends in one workspace are serialised and cannot fork the chain.
create table audit_chain_heads (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  last_seq bigint not null,
  last_hash text not null
);

-- Chain the records already written, per workspace, in the order they were written (id).
do $$
declare
  r record;
  ws uuid := null;
  n bigint := 0;
  prev text := '';
  genesis constant text := repeat('0', 64);
begin
  for r in select * from audit_log order by workspace_id, id loop
    if ws is distinct from r.workspace_id then
      if ws is not null then
        insert into audit_chain_heads values (ws, n, prev);
      end if;
      ws := r.workspace_id;
      n := 0;
      prev := genesis;
    end if;
    n := n + 1;
    update audit_log
       set seq = n,
           prev_hash = prev,
           hash = audit_record_hash(r.workspace_id, n, r.created_at, r.actor_user_id, r.action,
                                    r.subject_type, r.subject_id, r.data, r.request_id, prev)
     where id = r.id
     returning hash into prev;
  end loop;
  if ws is not null then
    insert into audit_chain_heads values (ws, n, prev);
  end if;
end
$$;

alter table audit_log alter column seq set not null;
alter table audit_log alter column prev_hash set not null;
alter table audit_log alter column hash set not null;
create unique index audit_log_chain_idx on audit_log (workspace_id, seq);
-- The screen's filters: by action and by actor, newest first.
create index audit_log_action_idx on audit_log (workspace_id, action, id desc);
create index audit_log_actor_idx on audit_log (workspace_id, actor_user_id, id desc);
