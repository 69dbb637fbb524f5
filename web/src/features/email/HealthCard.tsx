import { Group, Paper, Stack, Text } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import type { ReactNode } from "react";

/**
 * One card of the mail-health page: a titled section with an intro, and either its content or
 * a green "nothing wrong" line. `titleId` labels the section and lets a table inside reuse it.
 */
export function HealthCard(props: {
  titleId: string;
  title: string;
  intro: string;
  empty: string | null;
  children?: ReactNode;
}) {
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby={props.titleId}>
      <Stack gap="md">
        <Stack gap={2}>
          <Text component="h2" id={props.titleId} fw={700} size="lg" m={0}>
            {props.title}
          </Text>
          <Text size="sm" c="dimmed">
            {props.intro}
          </Text>
        </Stack>
        {props.empty !== null ? (
          <Group gap="xs">
            <IconCircleCheck size={18} color="var(--mantine-color-teal-7)" aria-hidden />
            <Text size="sm">{props.empty}</Text>
          </Group>
        ) : (
          props.children
        )}
      </Stack>
    </Paper>
  );
}
