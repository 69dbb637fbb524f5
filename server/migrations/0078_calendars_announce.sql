-- Issue #18: case creation remembers each workspace's business calendars with its SLA policies
-- (sla/on-create.ts), so it can write a new case's dues in the case's own insert. Calendars must
-- therefore announce their changes like the policies do (migration 0043).
create trigger business_calendars_config_change after insert or update or delete
  on business_calendars for each statement execute function notify_config_change();
