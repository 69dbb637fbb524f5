import { Button, Group, List, Text, Title } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useRetentionText } from "./retentionText.ts";

/** A dashboard section's title, with the CSV download every chart offers. */
export function SectionHeader(props: { title: string; onCsv?: () => void }) {
  const { t } = useRetentionText();
  return (
    <Group justify="space-between">
      <Title order={2} size="h4">
        {props.title}
      </Title>
      {props.onCsv && (
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconDownload size={14} aria-hidden />}
          onClick={props.onCsv}
        >
          {t("retention.downloadCsv")}
        </Button>
      )}
    </Group>
  );
}

/** A titled list that says "none" when empty (a churned customer's cases, surveys, repeats). */
export function TitledList<T>(props: {
  title: string;
  items: T[];
  keyOf: (item: T) => string;
  render: (item: T) => ReactNode;
}) {
  const { t } = useRetentionText();
  return (
    <div>
      <Text size="sm" fw={600}>
        {props.title}
      </Text>
      {props.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("retention.churned.none")}
        </Text>
      ) : (
        <List size="sm">
          {props.items.map((item) => (
            <List.Item key={props.keyOf(item)}>{props.render(item)}</List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
