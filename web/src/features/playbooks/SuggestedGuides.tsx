import { Alert, Anchor, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconBulb } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePortalGuides } from "./playbooksApi.ts";

/** On the new-request form: help guides whose topic keywords match what the customer typed. */
export function SuggestedGuides(props: { subject: string }) {
  const { t } = useTranslation();
  const [subject] = useDebouncedValue(props.subject.trim(), 300);
  const guides = usePortalGuides(subject);
  const items = subject.length >= 3 ? (guides.data?.items ?? []) : [];
  if (items.length === 0) return null;
  return (
    <Alert color="teal" icon={<IconBulb aria-hidden />} title={t("runs.suggestTitle")} role="status">
      <Stack gap={4}>
        {items.slice(0, 3).map((g) => (
          <Stack key={g.slug} gap={0}>
            <Anchor component={Link} to={`/portal/help/${g.slug}`} fw={600}>
              {t("runs.suggestOpen", { name: g.name })}
            </Anchor>
            {g.summary && (
              <Text size="sm" c="dimmed">
                {g.summary}
              </Text>
            )}
          </Stack>
        ))}
      </Stack>
    </Alert>
  );
}
