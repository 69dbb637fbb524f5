import { Anchor, Group, Paper, Text } from "@mantine/core";
import { IconSchool } from "@tabler/icons-react";
import { useAcademyPublicText } from "./academyPublicText.ts";

/**
 * "Recommended lesson" on a public help article (issue #21): server-rendered with the article,
 * a plain link to the portal lesson (the portal asks the customer to sign in).
 */
export function RecommendedLessonCard(props: {
  lesson: { lessonTitle: string; courseTitle: string; href: string } | null | undefined;
}) {
  const { t } = useAcademyPublicText();
  if (!props.lesson) return null;
  return (
    <Paper withBorder radius="lg" p="md" component="aside" aria-label={t("academyPublic.recommended")}>
      <Group gap="sm" wrap="nowrap">
        <IconSchool size={22} aria-hidden />
        <Text size="sm">
          {t("academyPublic.recommended")}:{" "}
          <Anchor href={props.lesson.href}>{props.lesson.lessonTitle}</Anchor> ({props.lesson.courseTitle})
        </Text>
      </Group>
    </Paper>
  );
}
