import { Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A friendly placeholder for lists that have nothing in them yet. */
export function EmptyState(props: { icon: ReactNode; title: string; body: string }) {
  return (
    <Paper withBorder radius="lg" p="xl" py={48}>
      <Stack align="center" gap="xs" ta="center">
        <ThemeIcon size={56} radius="xl" variant="light" aria-hidden>
          {props.icon}
        </ThemeIcon>
        <Title order={2} size="h4" mt="sm">
          {props.title}
        </Title>
        <Text c="dimmed" maw={420}>
          {props.body}
        </Text>
      </Stack>
    </Paper>
  );
}
