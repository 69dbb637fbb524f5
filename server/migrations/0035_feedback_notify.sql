-- Feedback notifications (issue #17, notify part): what the sweep asks on every run.

-- "When was this subscriber last emailed about this idea?" (the one-email-a-day rule) reads
-- the newest sent notice of the subscription; without this it would scan every notice ever sent.
create index feedback_notices_sent_idx on feedback_notices (subscription_id, sent_at desc) where sent_at is not null;

-- Case links of done ideas whose customer has not been told yet: few, looked at every run.
create index feedback_idea_cases_untold_idx on feedback_idea_cases (idea_id) where done_notified_at is null;
