import { Anchor, Group, Text } from "@mantine/core";
import type { HelpArticleLink, HelpCrumb, HelpPaging } from "../../../../../contracts/help-pages.ts";
import { Crumbs as PublicCrumbs } from "../../../platform/public/Crumbs.tsx";
import { useHelpText } from "../helpText.ts";

/** Where a page sits: the trail of links up to the help center's home, then this page. */
export function Crumbs(props: { crumbs: HelpCrumb[]; current: string }) {
  const { t } = useHelpText();
  return <PublicCrumbs {...props} label={t("helpCenter.breadcrumb")} />;
}

/** Links to articles, or a note that there are none; `more` links to the whole list when this shows only its first few. */
export function ArticleList(props: { articles: HelpArticleLink[]; more?: { href: string; count: number } }) {
  const { t } = useHelpText();
  if (props.articles.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("helpCenter.noArticles")}
      </Text>
    );
  }
  return (
    <>
      <ul className="help-list">
        {props.articles.map((a) => (
          <li key={a.href}>
            <Anchor href={a.href}>{a.title}</Anchor>
          </li>
        ))}
      </ul>
      {props.more && props.more.count > props.articles.length && (
        <Anchor href={props.more.href} size="sm">
          {t("helpCenter.allArticles", { count: props.more.count })}
        </Anchor>
      )}
    </>
  );
}

/** Previous / next page as plain links (full page loads, so it works without JavaScript). */
export function Pager({ paging }: { paging: HelpPaging }) {
  const { t } = useHelpText();
  if (paging.pages <= 1) return null;
  return (
    <Group component="nav" aria-label={t("helpCenter.pages")} gap="md">
      {paging.prevHref && (
        <Anchor href={paging.prevHref} rel="prev">
          {t("helpCenter.previousPage")}
        </Anchor>
      )}
      <Text size="sm" c="dimmed">
        {t("helpCenter.pageOf", { page: paging.page, pages: paging.pages })}
      </Text>
      {paging.nextHref && (
        <Anchor href={paging.nextHref} rel="next">
          {t("helpCenter.nextPage")}
        </Anchor>
      )}
    </Group>
  );
}
