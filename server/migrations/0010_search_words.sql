-- Search by words (issue 6). Trigram indexes answer "which rows contain this fragment", and at
-- a million customers a common surname or "j.smith" costs 5-15 ms to answer that way, because
-- every row sharing the fragment's trigrams is collected and rechecked. Agents mostly type whole
-- words, the start of a word, or the start of an email or account number: word indexes and a
-- prefix b-tree answer those in well under a millisecond. The trigram indexes stay, for the
-- customer list and as the search box's last resort (search.repo.ts).

-- Names and organizations as words ('simple': no stemming, no stop words; names are not prose).
create index if not exists customers_words_idx on customers
  using gin (to_tsvector('simple', name || ' ' || coalesce(organization, '')));

-- Identity values by their start ("j.smith" for j.smith88@…, "ACC10" for ACC1000042).
create index if not exists customer_identities_prefix_idx on customer_identities
  (workspace_id, lower(value) text_pattern_ops);

-- Case subjects as words, like message bodies. The subject trigram index served only the
-- search box's fragment match, which subject words now replace; dropping it also spares
-- every case creation a trigram GIN update.
create index if not exists cases_subject_words_idx on cases using gin (to_tsvector('simple', subject));
drop index if exists cases_subject_trgm_idx;

analyze customers;
analyze customer_identities;
analyze cases;
