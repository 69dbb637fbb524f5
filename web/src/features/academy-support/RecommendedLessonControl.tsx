import { Anchor, Button, Group, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { ApiError } from "../../api/client.ts";
import { useLessonSearch } from "./academySupportApi.ts";
import { useAcademySupportText } from "./academySupportText.ts";
import { type RecommendationTarget, useRecommendation, useSetRecommendation } from "./staffApi.ts";

/**
 * "Recommended lesson" in the help article editor and on a playbook's outcome steps: the lesson
 * shown to readers of the article (its public page) or under a finished run's outcome. Picking a
 * search hit sets it at once; "Clear" removes it. Lessons of published courses only (the server
 * checks too).
 */
export function RecommendedLessonControl(props: { target: RecommendationTarget; label?: string }) {
  const { t } = useAcademySupportText();
  const current = useRecommendation(props.target);
  const change = useSetRecommendation(props.target);
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 200);
  const hits = useLessonSearch(q, true).data?.items ?? [];
  const lesson = current.data?.lesson ?? null;
  // An outcome step exists for the server only once a draft holding it is saved.
  const unsaved = change.error instanceof ApiError && change.error.field === "stepId";
  const failure = unsaved
    ? t("academySupport.recommendedSaveFirst")
    : (change.error?.message ?? current.error?.message);
  const title = props.label ?? t("academySupport.recommended");

  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-label={title}>
      <Stack gap="xs">
        <Title order={3} size="h6">
          {title}
        </Title>
        {current.isSuccess && (
          <Group justify="space-between" wrap="nowrap" gap="xs" data-testid="recommended-current">
            {lesson ? (
              <Text size="sm">
                <Anchor href={lesson.href} target="_blank">
                  {lesson.lessonTitle}
                </Anchor>{" "}
                <Text span size="xs" c="dimmed">
                  ({lesson.courseTitle})
                </Text>
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t("academySupport.recommendedNone")}
              </Text>
            )}
            {lesson && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                loading={change.isPending && change.variables === null}
                onClick={() => change.mutate(null)}
                aria-label={t("academySupport.recommendedClearOne")}
              >
                {t("academySupport.recommendedClear")}
              </Button>
            )}
          </Group>
        )}
        <Select
          label={t("academySupport.recommendedSearch")}
          description={t("academySupport.recommendedSearchHint")}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          // The server already matched the words; Mantine's own filter would hide hits whose
          // match is in the body, not the title.
          filter={({ options }) => options}
          data={hits.map((h) => ({ value: h.lessonId, label: `${h.lessonTitle} · ${h.courseTitle}` }))}
          value={null}
          onChange={(lessonId) => {
            if (!lessonId) return;
            change.mutate(lessonId, { onSuccess: () => setSearch("") });
          }}
          nothingFoundMessage={q ? t("academySupport.none") : undefined}
          disabled={change.isPending}
        />
        {failure && (
          <Text size="sm" c="red" role="alert">
            {failure}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
