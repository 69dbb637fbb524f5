-- Issue #23, GDPR export: each section of a customer's export is read in pages by a keyset on
-- the row's id. These indexes make every page an index range scan over that customer's rows
-- (cases also lead the per-case message pages), instead of sorting all of them on each page.
-- Calls had no index on the customer at all: the export (and erasure) scanned the workspace's.
create index cases_customer_id_idx on cases (workspace_id, customer_id, id);
create index calls_customer_id_idx on calls (workspace_id, customer_id, id);
