-- "Which teams does this person belong to, and do they lead one?" is asked by /api/v1/me (for the
-- Reports and Conduct links), the reports and conduct policies and routing; the primary key is
-- (team_id, membership_id), which cannot answer it without reading every team's members.
create index team_members_membership_idx on team_members (membership_id) include (team_id, is_lead);
