-- Live sessions (issue #21): which schedule_version each reminder was last sent for. A reminder
-- job that is retried (or overlaps another worker) locks the session row and sends only while
-- this is below its version, so customers get each reminder once per scheduled time.
alter table academy_sessions
  add column reminded_24h_version integer not null default 0,
  add column reminded_1h_version integer not null default 0;
