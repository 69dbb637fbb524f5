import { Box } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import type { HelpPageData } from "../../../../contracts/help-pages.ts";
import { PublicLayout, ReloadNotice, usePublicWorkspace } from "../../platform/public/PublicLayout.tsx";
import { ssrPageQueryKey } from "../../ssrData.ts";
import { ArticlePage } from "./center/ArticlePage.tsx";
import { ARTICLE_CSS } from "./center/articleCss.ts";
import { CategoryPage, HomePage, SectionPage } from "./center/BrowsePages.tsx";
import { SearchForm } from "./center/SearchForm.tsx";
import { HelpNotFound, SearchPage } from "./center/SearchPage.tsx";
import { useHelpText } from "./helpText.ts";

/**
 * The public help center (issue #15): home, category, section, article, search and its 404.
 * The server decides which page a URL is and loads its data (server/src/modules/help/
 * public-pages.ts); this renders it, on the server and again when hydrating. Links and forms
 * are plain HTML (full page loads) so every page works without JavaScript. The frame (header,
 * footer) is the public areas' shared one (platform/public/); this picks the page, each of
 * which is in ./center/.
 */
export function HelpCenter() {
  const { t } = useHelpText();
  const data = useQueryClient().getQueryData<HelpPageData>(ssrPageQueryKey);
  const name = usePublicWorkspace()?.name ?? t("common.appName");

  return (
    <PublicLayout
      home={{ href: "/help", label: t("helpCenter.homeLink", { workspace: name }) }}
      nav={[{ href: "/portal", label: t("helpCenter.signIn") }]}
      navLabel={t("helpCenter.title")}
      headerExtra={
        data &&
        ["article", "category", "section"].includes(data.page) && (
          <Box visibleFrom="sm">
            <SearchForm compact />
          </Box>
        )
      }
      css={ARTICLE_CSS}
    >
      {data ? (
        <HelpPage data={data} workspace={name} />
      ) : (
        <ReloadNotice hint={t("helpCenter.reloadHint")} label={t("helpCenter.reload")} fallbackHref="/help" />
      )}
    </PublicLayout>
  );
}

function HelpPage({ data, workspace }: { data: HelpPageData; workspace: string }) {
  switch (data.page) {
    case "home":
      return <HomePage categories={data.categories} workspace={workspace} />;
    case "category":
      return <CategoryPage category={data.category} crumbs={data.crumbs} paging={data.paging} />;
    case "section":
      return <SectionPage section={data.section} crumbs={data.crumbs} paging={data.paging} />;
    case "article":
      return <ArticlePage data={data} />;
    case "search":
      return <SearchPage q={data.q} results={data.results} />;
    default:
      return <HelpNotFound />;
  }
}
