import {
  Alert,
  Anchor,
  Box,
  Button,
  Container,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconAlertTriangle, IconListCheck, IconSearch } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { PublicWorkspace } from "../../../../contracts/accounts.ts";
import type {
  HelpArticleLink,
  HelpCategoryView,
  HelpCrumb,
  HelpPageData,
  HelpSectionView,
} from "../../../../contracts/help-pages.ts";
import { ssrPageQueryKey } from "../../ssrData.ts";
import { Brand } from "../../ui/Brand.tsx";
import { publicWorkspaceQueryKey } from "../public/PublicHome.tsx";
import { useHelpText } from "./helpText.ts";

/**
 * The public help center (issue #15): home, category, section, article, search and its 404.
 * The server decides which page a URL is and loads its data (server/src/modules/help/
 * public-pages.ts); this renders it, on the server and again when hydrating. Links and forms
 * are plain HTML (full page loads) so every page works without JavaScript.
 */
export function HelpCenter() {
  const { t } = useHelpText();
  const queryClient = useQueryClient();
  const data = queryClient.getQueryData<HelpPageData>(ssrPageQueryKey);
  // Both are seeded by the server render (entry-server.tsx) and again before hydration.
  const workspace = queryClient.getQueryData<PublicWorkspace>(publicWorkspaceQueryKey);
  const name = workspace?.name ?? t("common.appName");

  return (
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
      <style>{ARTICLE_CSS}</style>
      <Box
        component="header"
        py="sm"
        px="lg"
        bg="var(--mantine-color-body)"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <Container size="md" px={0}>
          <Group justify="space-between" wrap="nowrap" gap="md">
            <Anchor
              href="/help"
              underline="never"
              c="inherit"
              miw={0}
              aria-label={t("helpCenter.homeLink", { workspace: name })}
            >
              <Brand name={name} />
            </Anchor>
            <Group gap="md" wrap="nowrap">
              {data && ["article", "category", "section"].includes(data.page) && (
                <Box visibleFrom="sm">
                  <SearchForm compact />
                </Box>
              )}
              <Anchor href="/portal" size="sm">
                {t("helpCenter.signIn")}
              </Anchor>
            </Group>
          </Group>
        </Container>
      </Box>
      <Container component="main" size="md" py="xl">
        {data ? <HelpPage data={data} workspace={name} /> : <Reload />}
      </Container>
      <Box component="footer" py="lg">
        <Group justify="center">
          <Text size="sm" c="dimmed">
            {t("helpCenter.poweredBy")}
          </Text>
        </Group>
      </Box>
    </Box>
  );
}

/** Reached only by a client-side navigation (no server data): a full load brings the page. */
function Reload() {
  const { t } = useHelpText();
  return (
    <Stack align="flex-start">
      <Text>{t("helpCenter.reloadHint")}</Text>
      <Button component="a" href={typeof window === "undefined" ? "/help" : window.location.href}>
        {t("helpCenter.reload")}
      </Button>
    </Stack>
  );
}

function HelpPage({ data, workspace }: { data: HelpPageData; workspace: string }) {
  switch (data.page) {
    case "home":
      return <HomePage categories={data.categories} workspace={workspace} />;
    case "category":
      return <CategoryPage category={data.category} crumbs={data.crumbs} />;
    case "section":
      return <SectionPage section={data.section} crumbs={data.crumbs} />;
    case "article":
      return <ArticlePage data={data} />;
    case "search":
      return <SearchPage q={data.q} results={data.results} />;
    default:
      return <HelpNotFound />;
  }
}

/** A GET form to /help/search; `compact` is the header's (no visible label, small). */
function SearchForm(props: { q?: string; size?: "md" | "lg"; compact?: boolean }) {
  const { t } = useHelpText();
  if (props.compact) {
    return (
      // biome-ignore lint/a11y/useSemanticElements: as below
      <form role="search" action="/help/search" method="get" aria-label={t("helpCenter.searchLabel")}>
        <TextInput
          name="q"
          type="search"
          size="sm"
          aria-label={t("helpCenter.searchLabel")}
          placeholder={t("helpCenter.searchButton")}
          leftSection={<IconSearch size={16} aria-hidden />}
          maxLength={200}
          w={220}
        />
      </form>
    );
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <search> wrapper is newer than some browsers we serve; the role is understood everywhere
    <form role="search" action="/help/search" method="get" aria-label={t("helpCenter.searchLabel")}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          name="q"
          type="search"
          defaultValue={props.q}
          label={t("helpCenter.searchLabel")}
          placeholder={t("helpCenter.searchPlaceholder")}
          size={props.size ?? "md"}
          leftSection={<IconSearch size={18} aria-hidden />}
          style={{ flex: 1 }}
          maxLength={200}
        />
        <Button type="submit" size={props.size ?? "md"}>
          {t("helpCenter.searchButton")}
        </Button>
      </Group>
    </form>
  );
}

function Crumbs(props: { crumbs: HelpCrumb[]; current: string }) {
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

function ArticleList(props: { articles: HelpArticleLink[] }) {
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

function HomePage(props: { categories: HelpCategoryView[]; workspace: string }) {
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
                    <ArticleList articles={s.articles} />
                  </Stack>
                ))}
                {c.articles.length > 0 && (
                  <Stack gap={4}>
                    {c.sections.length > 0 && (
                      <Title order={3} fz="md">
                        {t("helpCenter.otherArticles")}
                      </Title>
                    )}
                    <ArticleList articles={c.articles} />
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

function CategoryPage(props: { category: HelpCategoryView; crumbs: HelpCrumb[] }) {
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
            <ArticleList articles={s.articles} />
          </Stack>
        </Paper>
      ))}
      {(c.articles.length > 0 || c.sections.length === 0) && (
        <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="sec-other">
          <Stack gap="xs">
            <Title order={2} fz="h3" id="sec-other">
              {c.sections.length > 0
                ? t("helpCenter.otherArticles")
                : t("helpCenter.articlesCount", { count: c.articles.length })}
            </Title>
            <ArticleList articles={c.articles} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function SectionPage(props: { section: HelpSectionView; crumbs: HelpCrumb[] }) {
  return (
    <Stack gap="lg">
      <Crumbs crumbs={props.crumbs} current={props.section.name} />
      <Title order={1}>{props.section.name}</Title>
      <ArticleList articles={props.section.articles} />
    </Stack>
  );
}

const languageName = (locale: string) => {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(locale) ?? locale;
  } catch {
    return locale;
  }
};

function ArticlePage({ data }: { data: Extract<HelpPageData, { page: "article" }> }) {
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
      <Feedback data={data} />
    </Stack>
  );
}

type Step = "ask" | "why" | "thanks" | "sorry";
const REASONS = ["not_related", "did_not_answer", "out_of_date"] as const;

/**
 * "Did this help?": a plain form posted to the server without JavaScript (which answers with a
 * redirect back here, `?feedback=why|thanks|sorry`); with JavaScript the vote goes to the votes
 * API directly, and a missing API (404) is ignored so the visitor is thanked either way.
 */
function Feedback({ data }: { data: Extract<HelpPageData, { page: "article" }> }) {
  const { t } = useHelpText();
  const a = data.article;
  const [step, setStep] = useState<Step>(data.feedback ?? "ask");
  const action = data.feedbackAction;
  // The portal's new-request form shows this article and sends it with the request.
  const contact = `/portal/new?${new URLSearchParams({ article: a.slug, locale: a.locale })}`;

  const vote = (helpful: boolean, reason?: string) => {
    void fetch(`/api/v1/help/articles/${a.id}/votes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ helpful, ...(reason ? { reason } : {}) }),
    }).catch(() => undefined);
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const form = new FormData(e.currentTarget);
    if (step === "ask") {
      if (submitter?.value === "yes") {
        vote(true);
        setStep("thanks");
      } else setStep("why");
      return;
    }
    const reason = String(form.get("reason") ?? "");
    if (!reason) return;
    vote(false, reason);
    setStep("sorry");
  };

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="feedback-title" id="feedback">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="feedback-title">
          {t("helpCenter.feedback.title")}
        </Title>
        {step === "ask" && (
          <form method="post" action={action} onSubmit={onSubmit}>
            <Group gap="sm">
              <Button type="submit" name="helpful" value="yes" variant="default">
                {t("helpCenter.feedback.yes")}
              </Button>
              <Button type="submit" name="helpful" value="no" variant="default">
                {t("helpCenter.feedback.no")}
              </Button>
            </Group>
          </form>
        )}
        {step === "why" && (
          <form method="post" action={action} onSubmit={onSubmit}>
            <input type="hidden" name="helpful" value="no" />
            <Stack gap="sm" align="flex-start">
              <Radio.Group name="reason" label={t("helpCenter.feedback.whyTitle")} required>
                <Stack gap="xs" mt="xs">
                  {REASONS.map((r) => (
                    <Radio key={r} value={r} label={t(`helpCenter.feedback.reasons.${r}`)} required />
                  ))}
                </Stack>
              </Radio.Group>
              <Group gap="sm">
                <Button type="submit">{t("helpCenter.feedback.send")}</Button>
                <Anchor href={contact}>{t("helpCenter.contactSupport")}</Anchor>
              </Group>
            </Stack>
          </form>
        )}
        {step === "thanks" && (
          <Text role="status" fw={500}>
            {t("helpCenter.feedback.thanks")}
          </Text>
        )}
        {step === "sorry" && (
          <Stack gap="sm" align="flex-start">
            <Text role="status" fw={500}>
              {t("helpCenter.feedback.sorry")}
            </Text>
            <Button component="a" href={contact}>
              {t("helpCenter.contactSupport")}
            </Button>
          </Stack>
        )}
        {step === "ask" && (
          <Text size="sm" c="dimmed">
            {t("helpCenter.feedback.stillStuck")}{" "}
            <Anchor href={contact} inherit underline="always">
              {t("helpCenter.contactSupport")}
            </Anchor>
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Keeps only <mark> tags of a search snippet: the server escapes the rest; this is a second guard. */
const onlyMarks = (html: string) => html.replace(/<(?!\/?mark>)[^>]*>/gi, "");

function SearchPage(props: { q: string; results: Extract<HelpPageData, { page: "search" }>["results"] }) {
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

function HelpNotFound() {
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

/**
 * The article body's typography and the lists' layout. Inline in the page (not a stylesheet of
 * this chunk) so it also applies without JavaScript, when only the entry's CSS is linked.
 */
const ARTICLE_CSS = `
.help-article{line-height:1.65;font-size:var(--mantine-font-size-md);overflow-wrap:anywhere}
.help-article img{max-width:100%;height:auto}
.help-article a{color:var(--mantine-color-anchor);text-decoration:underline}
.help-article pre{overflow:auto;padding:var(--mantine-spacing-sm);background:var(--mantine-color-default-hover);border-radius:var(--mantine-radius-sm)}
.help-article code{font-family:var(--mantine-font-family-monospace);font-size:.9em}
.help-article blockquote{margin:0;padding-left:var(--mantine-spacing-md);border-left:4px solid var(--mantine-color-default-border)}
.help-article table{border-collapse:collapse}
.help-article th,.help-article td{border:1px solid var(--mantine-color-default-border);padding:4px 8px}
.help-crumbs{display:flex;flex-wrap:wrap;gap:4px 8px;list-style:none;margin:0;padding:0}
.help-crumbs li+li::before{content:"/";margin-right:8px;color:var(--mantine-color-dimmed)}
.help-list{margin:0;padding-left:1.25rem}
.help-list li{margin:4px 0}
.help-results{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:var(--mantine-spacing-md)}
mark{background:var(--mantine-color-yellow-2);color:var(--mantine-color-black);padding:0 2px;border-radius:2px}
`;
