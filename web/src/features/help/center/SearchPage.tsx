import { Anchor, Box, Stack, Text, Title } from "@mantine/core";
import type { HelpPageData } from "../../../../../contracts/help-pages.ts";
import { useHelpText } from "../helpText.ts";
import { Crumbs } from "./Crumbs.tsx";
import { SearchForm } from "./SearchForm.tsx";

/** Keeps only <mark> tags of a search snippet: the server escapes the rest; this is a second guard. */
const onlyMarks = (html: string) => html.replace(/<(?!\/?mark>)[^>]*>/gi, "");

/** /help/search?q=…: the results with highlighted snippets. */
export function SearchPage(props: {
  q: string;
  results: Extract<HelpPageData, { page: "search" }>["results"];
}) {
  const { t } = useHelpText();
  return (
    <Stack gap="lg">
      <Crumbs
        crumbs={[{ label: t("helpCenter.title"), href: "/help" }]}
        current={t("helpCenter.searchTitle")}
      />
      <Title order={1}>
        {props.q ? t("helpCenter.searchResultsFor", { q: props.q }) : t("helpCenter.searchTitle")}
      </Title>
      <SearchForm q={props.q} />
      {!props.q ? (
        <Text c="dimmed">{t("helpCenter.searchEmpty")}</Text>
      ) : props.results.length === 0 ? (
        <Text>{t("helpCenter.searchNone")}</Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" role="status">
            {t("helpCenter.searchCount", { count: props.results.length })}
          </Text>
          <ol className="help-results">
            {props.results.map((r) => (
              <li key={r.id}>
                <Title order={2} fz="h4">
                  <Anchor href={r.href} inherit>
                    {r.title}
                  </Anchor>
                </Title>
                {/* The snippet is escaped text with only <mark> tags (the server makes it so;
                    onlyMarks drops anything else). */}
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped text with <mark> only, see above */}
                <Text size="sm" c="dimmed" dangerouslySetInnerHTML={{ __html: onlyMarks(r.snippet) }} />
              </li>
            ))}
          </ol>
        </Stack>
      )}
    </Stack>
  );
}

/** Any help URL that names nothing readable: a search box and the way home. */
export function HelpNotFound() {
  const { t } = useHelpText();
  return (
    <Stack gap="lg" align="flex-start">
      <Title order={1}>{t("helpCenter.notFoundTitle")}</Title>
      <Text>{t("helpCenter.notFoundBody")}</Text>
      <Box w="100%">
        <SearchForm />
      </Box>
      <Anchor href="/help">{t("helpCenter.backHome")}</Anchor>
    </Stack>
  );
}
