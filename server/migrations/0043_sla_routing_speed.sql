-- Issue #18, speed and correctness of routing and SLA on case creation.

-- Case creation remembers per workspace whether it has routing or SLA policies to apply
-- (platform/db/workspace-flags.ts); every process forgets on this notice. Only the tables the
-- flags are read from announce, per statement.
create function notify_config_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('rapport_config', tg_table_name);
  return null;
end $$;
create trigger routing_rules_config_change after insert or update or delete
  on routing_rules for each statement execute function notify_config_change();
create trigger customer_routing_config_change after insert or update or delete
  on customer_routing for each statement execute function notify_config_change();
create trigger organization_routing_config_change after insert or update or delete
  on organization_routing for each statement execute function notify_config_change();
create trigger sla_policies_config_change after insert or update or delete
  on sla_policies for each statement execute function notify_config_change();

-- Breach and near-breach notices are once per due, not once per case: a next-reply breach after
-- a first-reply breach is news. due_at is the breached due (or the warning's instant).
alter table sla_notifications add column due_at timestamptz not null default '-infinity';
alter table sla_notifications drop constraint sla_notifications_case_id_membership_id_kind_key;
alter table sla_notifications add constraint sla_notifications_once_per_due
  unique (case_id, membership_id, kind, due_at);

-- sla_breached_at keeps the first breach; the sweep now finds every running clock past its due
-- that has no recorded outcome yet, including on cases that breached before.
drop index cases_sla_breach_idx;
create index cases_sla_running_idx on cases (least(sla_first_reply_due_at, sla_next_reply_due_at, sla_resolution_due_at))
  where sla_paused_at is null and status in ('new', 'open');
