import { Alert, Anchor, Center, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { ArticleStatsTable } from "./analytics/ArticleStatsTable.tsx";
import { ContentGaps } from "./analytics/ContentGaps.tsx";
import { HoldoutComparison } from "./analytics/HoldoutComparison.tsx";
import { OutdatedArticles } from "./analytics/OutdatedArticles.tsx";
import { useHelpAnalytics } from "./helpApi.ts";
import { useHelpText } from "./helpText.ts";

function Section(props: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={props.id}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id={props.id}>
            {props.title}
          </Title>
          {props.hint && (
            <Text size="sm" c="dimmed">
              {props.hint}
            </Text>
          )}
        </Stack>
        {props.children}
      </Stack>
    </Paper>
  );
}

/**
 * For content owners (help.manage): what readers read and rated, what suggestions deflected,
 * what customers searched for in vain, which articles may be outdated, and whether
 * suggestions change how many requests become cases (the holdout comparison).
 */
export function HelpAnalyticsPage() {
  const { t } = useHelpText();
  const analytics = useHelpAnalytics();
  const data = analytics.data;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/app/help" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t("help.analytics.back")}
        </Group>
      </Anchor>
      <Stack gap={4}>
        <PageTitle>{t("help.analytics.title")}</PageTitle>
        <Text c="dimmed">{t("help.analytics.intro")}</Text>
      </Stack>
      {analytics.isError ? (
        <Alert color="red" role="alert">
          {t("help.analytics.loadError")}
        </Alert>
      ) : !data ? (
        <Center py="xl">
          <Loader size="sm" aria-label={t("common.loading")} />
        </Center>
      ) : (
        <>
          <Section id="analytics-holdout" title={t("help.analytics.holdoutTitle")}>
            <HoldoutComparison holdout={data.holdout} />
            <Text size="sm" c="dimmed">
              {t("help.analytics.summary", data.deflections)}
            </Text>
          </Section>
          <Section id="analytics-articles" title={t("help.analytics.articlesTitle")}>
            {data.articles.length === 0 ? (
              <Text c="dimmed">{t("help.analytics.articlesEmpty")}</Text>
            ) : (
              <ArticleStatsTable articles={data.articles} />
            )}
          </Section>
          <Section
            id="analytics-gaps"
            title={t("help.analytics.gapsTitle")}
            hint={t("help.analytics.gapsHint")}
          >
            <ContentGaps gaps={data.contentGaps} />
          </Section>
          <Section
            id="analytics-outdated"
            title={t("help.analytics.outdatedTitle")}
            hint={t("help.analytics.outdatedHint")}
          >
            <OutdatedArticles outdated={data.outdated} />
          </Section>
        </>
      )}
    </Stack>
  );
}
