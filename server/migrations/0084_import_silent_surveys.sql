-- Zendesk import extras (issue #24): an imported survey answer is history, not news.
--
-- Every survey answer queues its customer for the repeats sweep (0048), which recomputes risk
-- and announces a customer who becomes at risk (the customer.at_risk webhook, a realtime
-- notice). A satisfaction rating imported from another helpdesk must not announce anything
-- (the import is silent), so while the importer writes (it sets rapport.import = 'on' in its
-- transactions) the answer is not queued. The trigger's WHEN keeps the check out of the
-- function and costs an imported page of answers no trigger call per row. The risk of such a
-- customer is recomputed the next time they write or a case of theirs changes.
drop trigger repeat_queue_survey on survey_responses;
create trigger repeat_queue_survey after insert or update of sentiment on survey_responses
  for each row when (current_setting('rapport.import', true) is distinct from 'on')
  execute function repeat_queue_survey();
