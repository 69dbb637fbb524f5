import { Button, Group, List, Stack, Text } from "@mantine/core";
import { IconPencilPlus } from "@tabler/icons-react";
import { useNavigate } from "react-router";
import { formatDateTime } from "../../../ui/formatDate.ts";
import type { DraftSeed } from "../ArticleEditorPage.tsx";
import type { HelpAnalytics } from "../helpApi.ts";
import { useHelpText } from "../helpText.ts";

/** Searches that found nothing, grouped; each can start a draft titled with its wording. */
export function ContentGaps(props: { gaps: HelpAnalytics["contentGaps"] }) {
  const { t, i18n } = useHelpText();
  const navigate = useNavigate();
  if (props.gaps.length === 0) return <Text c="dimmed">{t("help.analytics.gapsEmpty")}</Text>;
  const write = (title: string) => {
    // Same hand-over as "Create article from this reply": the editor reads the seed from state.
    const seed: DraftSeed = { title: title.charAt(0).toLocaleUpperCase() + title.slice(1) };
    navigate("/app/help/new", { state: seed });
  };
  return (
    <Stack
      component="ul"
      gap="md"
      m={0}
      p={0}
      style={{ listStyle: "none" }}
      aria-label={t("help.analytics.gapsLabel")}
    >
      {props.gaps.map((g) => (
        <Group component="li" key={g.query} justify="space-between" align="flex-start" wrap="nowrap" gap="md">
          <Stack gap={2} miw={0}>
            <Text fw={600}>{g.query}</Text>
            <Text size="sm" c="dimmed">
              {t("help.analytics.gapCount", { count: g.count })} ·{" "}
              {t("help.analytics.gapLast", { when: formatDateTime(g.lastAt, i18n.language) })}
            </Text>
            {g.examples.length > 1 && (
              <List size="sm" aria-label={t("help.analytics.gapExamples")}>
                {g.examples.map((e) => (
                  <List.Item key={e}>{e}</List.Item>
                ))}
              </List>
            )}
          </Stack>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPencilPlus size={16} aria-hidden />}
            onClick={() => write(g.query)}
            aria-label={t("help.analytics.writeLabel", { title: g.query })}
            style={{ flexShrink: 0 }}
          >
            {t("help.analytics.write")}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}
