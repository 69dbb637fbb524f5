-- Issue #23, GDPR export: each section of a customer's export is read in pages by a keyset on
-- the row's id. Calls had no index on the customer at all: the export (and erasure) scanned the
-- workspace's calls. Cases get no new index: cases_customer_idx (workspace_id, customer_id, …)
-- already narrows a page to one customer's cases, which are few enough to sort, and every index
-- on cases is paid by case creation, the hottest insert (issue #18's budget).
create index calls_customer_id_idx on calls (workspace_id, customer_id, id);
