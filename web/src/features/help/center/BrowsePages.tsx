import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type {
  HelpCategoryView,
  HelpCrumb,
  HelpPaging,
  HelpSectionView,
} from "../../../../../contracts/help-pages.ts";
import { useHelpText } from "../helpText.ts";
import { ArticleList, Crumbs, Pager } from "./Crumbs.tsx";
import { SearchForm } from "./SearchForm.tsx";

/** /help: the search box and every category with its sections and articles. */
export function HomePage(props: { categories: HelpCategoryView[]; workspace: string }) {
  const { t } = useHelpText();
  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Title order={1}>{t("helpCenter.homeTitle")}</Title>
        <Text c="dimmed">{t("helpCenter.homeIntro", { workspace: props.workspace })}</Text>
        <SearchForm size="lg" />
      </Stack>
      {props.categories.length === 0 ? (
        <Text c="dimmed">{t("helpCenter.noArticles")}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          {props.categories.map((c) => (
            <Paper
              key={c.slug}
              withBorder
              radius="lg"
              p="lg"
              component="section"
              aria-labelledby={`cat-${c.slug}`}
            >
              <Stack gap="xs">
                <Title order={2} fz="h3" id={`cat-${c.slug}`}>
                  <Anchor href={c.href} c="inherit" inherit>
                    {c.name}
                  </Anchor>
                </Title>
                {c.description && (
                  <Text size="sm" c="dimmed">
                    {c.description}
                  </Text>
                )}
                {c.sections.map((s) => (
                  <Stack key={s.slug} gap={4}>
                    <Title order={3} fz="md">
                      <Anchor href={s.href} c="inherit" inherit>
                        {s.name}
                      </Anchor>
                    </Title>
                    <ArticleList articles={s.articles} more={{ href: s.href, count: s.articleCount }} />
                  </Stack>
                ))}
                {c.articles.length > 0 && (
                  <Stack gap={4}>
                    {c.sections.length > 0 && (
                      <Title order={3} fz="md">
                        {t("helpCenter.otherArticles")}
                      </Title>
                    )}
                    <ArticleList articles={c.articles} more={{ href: c.href, count: c.articleCount }} />
                  </Stack>
                )}
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

/** /help/<category>: its sections, each with its articles, then the articles outside a section. */
export function CategoryPage(props: { category: HelpCategoryView; crumbs: HelpCrumb[]; paging: HelpPaging }) {
  const { t } = useHelpText();
  const c = props.category;
  return (
    <Stack gap="lg">
      <Crumbs crumbs={props.crumbs} current={c.name} />
      <Stack gap="xs">
        <Title order={1}>{c.name}</Title>
        {c.description && <Text c="dimmed">{c.description}</Text>}
      </Stack>
      {c.sections.map((s) => (
        <Paper
          key={s.slug}
          withBorder
          radius="lg"
          p="lg"
          component="section"
          aria-labelledby={`sec-${s.slug}`}
        >
          <Stack gap="xs">
            <Title order={2} fz="h3" id={`sec-${s.slug}`}>
              <Anchor href={s.href} c="inherit" inherit>
                {s.name}
              </Anchor>
            </Title>
            <ArticleList articles={s.articles} more={{ href: s.href, count: s.articleCount }} />
          </Stack>
        </Paper>
      ))}
      {(c.articles.length > 0 || c.sections.length === 0) && (
        <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="sec-other">
          <Stack gap="xs">
            <Title order={2} fz="h3" id="sec-other">
              {c.sections.length > 0
                ? t("helpCenter.otherArticles")
                : t("helpCenter.articlesCount", { count: c.articleCount })}
            </Title>
            <ArticleList articles={c.articles} />
            <Pager paging={props.paging} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

/** /help/<category>/<section>: the section's articles. */
export function SectionPage(props: { section: HelpSectionView; crumbs: HelpCrumb[]; paging: HelpPaging }) {
  return (
    <Stack gap="lg">
      <Crumbs crumbs={props.crumbs} current={props.section.name} />
      <Title order={1}>{props.section.name}</Title>
      <ArticleList articles={props.section.articles} />
      <Pager paging={props.paging} />
    </Stack>
  );
}
