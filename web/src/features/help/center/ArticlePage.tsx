import { Alert, Anchor, Box, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconListCheck } from "@tabler/icons-react";
import type { HelpPageData } from "../../../../../contracts/help-pages.ts";
import { RecommendedLessonCard } from "../../academy-public/RecommendedLessonCard.tsx";
import { useHelpText } from "../helpText.ts";
import { ArticleList, Crumbs } from "./Crumbs.tsx";
import { Feedback } from "./Feedback.tsx";

const languageName = (locale: string) => {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(locale) ?? locale;
  } catch {
    return locale;
  }
};

/** /help/articles/<slug>: the article, its translations, its known problem and guided check, then "Did this help?". */
export function ArticlePage({ data }: { data: Extract<HelpPageData, { page: "article" }> }) {
  const { t } = useHelpText();
  const a = data.article;
  return (
    <Stack gap="lg">
      <Crumbs crumbs={data.crumbs} current={a.title} />
      <Box component="article" lang={a.locale} aria-labelledby="article-title">
        <Stack gap="md">
          <Title order={1} id="article-title">
            {a.title}
          </Title>
          {data.translations.length > 0 && (
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                {t("helpCenter.alsoIn")}
              </Text>
              {data.translations.map((tr) => (
                <Anchor key={tr.href} href={tr.href} hrefLang={tr.locale} lang={tr.locale} size="sm">
                  {languageName(tr.locale)}
                </Anchor>
              ))}
            </Group>
          )}
          {a.problem && (
            <Alert
              color="orange"
              variant="light"
              icon={<IconAlertTriangle size={20} aria-hidden />}
              title={t("helpCenter.knownIssue", { title: a.problem.publicTitle ?? a.title })}
            >
              {t("helpCenter.knownIssueStatus", {
                status: t(`problemStatus.${a.problem.status}` as "problemStatus.investigating", {
                  defaultValue: a.problem.status,
                }),
              })}
            </Alert>
          )}
          {/* bodyHtml is rendered from markdown and sanitised on the server (help/render.ts:
              raw HTML off, then the mail sanitiser), so no script, handler or javascript: link
              can reach this page. */}
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server, see above */}
          <div className="help-article" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
          {a.playbookSlug && (
            <Paper withBorder radius="lg" p="lg">
              <Group justify="space-between" gap="md">
                <Text size="sm">{t("helpCenter.guidedCheckHint")}</Text>
                <Button
                  component="a"
                  href={`/portal/help/${encodeURIComponent(a.playbookSlug)}`}
                  leftSection={<IconListCheck size={18} aria-hidden />}
                >
                  {t("helpCenter.guidedCheck")}
                </Button>
              </Group>
            </Paper>
          )}
        </Stack>
      </Box>
      <RecommendedLessonCard lesson={data.recommendedLesson} />
      <Feedback data={data} />
      {data.siblings.length > 0 && (
        <Box component="nav" aria-labelledby="siblings-title">
          <Title order={2} fz="h4" id="siblings-title" mb="xs">
            {t("helpCenter.related")}
          </Title>
          <ArticleList articles={data.siblings} />
        </Box>
      )}
    </Stack>
  );
}
