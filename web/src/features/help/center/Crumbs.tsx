import { Anchor, Text } from "@mantine/core";
import type { HelpArticleLink, HelpCrumb } from "../../../../../contracts/help-pages.ts";
import { useHelpText } from "../helpText.ts";

/** Where a page sits: the trail of links up to the help center's home, then this page. */
export function Crumbs(props: { crumbs: HelpCrumb[]; current: string }) {
  const { t } = useHelpText();
  return (
    <nav aria-label={t("helpCenter.breadcrumb")}>
      <ol className="help-crumbs">
        {props.crumbs.map((c) => (
          <li key={c.href}>
            <Anchor href={c.href} size="sm">
              {c.label}
            </Anchor>
          </li>
        ))}
        <li aria-current="page">
          <Text span size="sm" c="dimmed">
            {props.current}
          </Text>
        </li>
      </ol>
    </nav>
  );
}

/** Links to articles, or a note that there are none. */
export function ArticleList(props: { articles: HelpArticleLink[] }) {
  const { t } = useHelpText();
  if (props.articles.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("helpCenter.noArticles")}
      </Text>
    );
  }
  return (
    <ul className="help-list">
      {props.articles.map((a) => (
        <li key={a.href}>
          <Anchor href={a.href}>{a.title}</Anchor>
        </li>
      ))}
    </ul>
  );
}
