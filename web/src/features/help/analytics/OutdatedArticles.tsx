import { Anchor, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { formatDateTime } from "../../../ui/formatDate.ts";
import type { HelpAnalytics } from "../helpApi.ts";
import { useHelpText } from "../helpText.ts";

/** Published articles whose products' devices reported firmware after the article's last update. */
export function OutdatedArticles(props: { outdated: HelpAnalytics["outdated"] }) {
  const { t, i18n } = useHelpText();
  if (props.outdated.length === 0) return <Text c="dimmed">{t("help.analytics.outdatedEmpty")}</Text>;
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <Stack
      component="ul"
      gap="md"
      m={0}
      p={0}
      style={{ listStyle: "none" }}
      aria-label={t("help.analytics.outdatedLabel")}
    >
      {props.outdated.map((o) => (
        <Stack component="li" key={o.id} gap={2}>
          <Anchor component={Link} to={`/app/help/${o.id}`} fw={600}>
            {o.title}
          </Anchor>
          <Text size="sm" c="dimmed">
            {t("help.analytics.outdatedUpdated", { when: when(o.updatedAt) })}
          </Text>
          {o.newerFirmware.map((f) => (
            <Text key={`${f.model}:${f.firmware}`} size="sm">
              {t("help.analytics.outdatedFirmware", {
                model: f.model,
                firmware: f.firmware,
                when: when(f.seenAt),
              })}
            </Text>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
