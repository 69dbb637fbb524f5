-- Feedback insight (issue #17): one row per idea with what the text layer's findSimilar
-- (platform/text/find-similar.ts) ranks by — the idea's full-text index (feedback_ideas.search)
-- and its embedding (feedback_idea_vectors, written by the feedback.vectors sweep). findSimilar
-- reads one relation; a view keeps both in their owners' tables, so an idea not embedded yet is
-- still found by its words. Callers always filter by workspace_id and a list of idea ids.
create view feedback_idea_text as
  select i.id as idea_id, i.workspace_id, i.search, v.vector, v.model_id
    from feedback_ideas i
    left join feedback_idea_vectors v on v.idea_id = i.id;

