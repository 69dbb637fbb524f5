-- The sample company of `npm run demo` lives in a workspace marked as such, so the demo can
-- tell its own workspace from a real one: it never loads into, nor removes, a workspace it did
-- not create (a demo merged into a real workspace once put staff with a published password,
-- one of them an admin, into a real team's helpdesk).
alter table workspaces add column is_demo boolean not null default false;
