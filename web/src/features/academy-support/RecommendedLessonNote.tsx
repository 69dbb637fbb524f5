import { Anchor, Group, Text } from "@mantine/core";
import { IconSchool } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { recommendedLessonSchema } from "../../../../contracts/academy-support.ts";
import { apiParsed } from "../../api/client.ts";
import { useAcademySupportText } from "./academySupportText.ts";

/**
 * Under a playbook run's outcome (agent and portal): the lesson that outcome recommends, if
 * any, linking to the portal lesson. Nothing at all without one.
 */
export function RecommendedLessonNote(props: { playbookId: string; stepId: string }) {
  const { t } = useAcademySupportText();
  const rec = useQuery({
    queryKey: ["academy", "recommended", props.playbookId, props.stepId],
    queryFn: () =>
      apiParsed(
        recommendedLessonSchema,
        `/api/v1/academy/recommendations/playbooks/${props.playbookId}/outcomes/${encodeURIComponent(props.stepId)}`,
      ),
  });
  const lesson = rec.data?.lesson;
  if (!lesson) return null;
  return (
    <Group gap="xs" wrap="nowrap" data-testid="recommended-lesson">
      <IconSchool size={16} aria-hidden />
      <Text size="sm">
        {t("academySupport.recommended")}: <Anchor href={lesson.href}>{lesson.lessonTitle}</Anchor> (
        {lesson.courseTitle})
      </Text>
    </Group>
  );
}
