import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type {
  CommunityCategoryView,
  CommunityPageData,
  CommunityTopicListItem,
} from "../../../../../contracts/community-pages.ts";
import { useCommunityText } from "./communityText.ts";
import { Crumbs, FormattedDate, MemberName } from "./shared.tsx";

type Home = Extract<CommunityPageData, { page: "home" }>;
type Category = Extract<CommunityPageData, { page: "category" }>;

/** /community: the categories the visitor may read and the latest activity across them. */
export function CommunityHome({ data, workspace }: { data: Home; workspace: string }) {
  const { t } = useCommunityText();
  return (
    <Stack gap="xl">
      <Group justify="space-between" align="flex-end">
        <Stack gap="xs">
          <Title order={1}>{t("communityPublic.homeTitle")}</Title>
          <Text c="dimmed">{t("communityPublic.homeIntro", { workspace })}</Text>
        </Stack>
        <Button component="a" href="/community/new">
          {t("communityPublic.ask")}
        </Button>
      </Group>
      <section aria-labelledby="cm-categories">
        <Title order={2} id="cm-categories" mb="sm">
          {t("communityPublic.categories")}
        </Title>
        {data.categories.length === 0 ? (
          <Text c="dimmed">{t("communityPublic.noTopics")}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {data.categories.map((c) => (
              <Paper key={c.id} withBorder radius="lg" p="md">
                <Stack gap={4}>
                  <Title order={3} fz="h4">
                    <Anchor href={c.href} inherit>
                      {c.name}
                    </Anchor>
                  </Title>
                  {c.description && (
                    <Text size="sm" c="dimmed">
                      {c.description}
                    </Text>
                  )}
                  <Text size="sm">
                    {t("communityPublic.topicCount", { count: c.topicCount })}
                    <VisibilityNote category={c} />
                  </Text>
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
        )}
      </section>
      <section aria-labelledby="cm-recent">
        <Title order={2} id="cm-recent" mb="sm">
          {t("communityPublic.recent")}
        </Title>
        <TopicList topics={data.recent} />
      </section>
    </Stack>
  );
}

function VisibilityNote({ category }: { category: CommunityCategoryView }) {
  const { t } = useCommunityText();
  if (category.visibility === "public") return null;
  return <> · {t(`communityPublic.visibility.${category.visibility}`)}</>;
}

/** Topic titles are headings one level below the list's own heading (h3 on home, h2 on a category). */
export function TopicList({
  topics,
  level = "h3",
}: {
  topics: CommunityTopicListItem[];
  level?: "h2" | "h3";
}) {
  const { t } = useCommunityText();
  if (topics.length === 0) return <Text c="dimmed">{t("communityPublic.noTopics")}</Text>;
  return (
    <ul className="cm-list">
      {topics.map((topic) => (
        <li key={topic.id}>
          <Stack gap={4}>
            <Group gap="xs" wrap="wrap">
              {topic.pinned && <span className="cm-badge cm-badge-plain">{t("communityPublic.pinned")}</span>}
              {topic.solved && (
                <span className="cm-badge cm-badge-solved">{t("communityPublic.solved")}</span>
              )}
              {topic.closed && <span className="cm-badge cm-badge-plain">{t("communityPublic.closed")}</span>}
              <Text component={level} fw={600} fz="md" m={0}>
                <a href={topic.href}>{topic.title}</a>
              </Text>
            </Group>
            <div className="cm-meta">
              <MemberName member={topic.author} />
              <span>{t("communityPublic.answerCount", { count: topic.answerCount })}</span>
              <span>{t("communityPublic.viewCount", { count: topic.viewCount })}</span>
              <span>{t("communityPublic.votes", { count: topic.score })}</span>
              {topic.category && <a href={topic.category.href}>{topic.category.name}</a>}
              <span>
                {t("communityPublic.activity")} <FormattedDate iso={topic.lastActivityAt} />
              </span>
            </div>
          </Stack>
        </li>
      ))}
    </ul>
  );
}

const SORTS = ["activity", "new", "votes"] as const;

/** /community/<slug>: a category's topics, pinned first, sorted and paged with plain links. */
export function CategoryPage({ data }: { data: Category }) {
  const { t } = useCommunityText();
  const c = data.category;
  const href = (sort: string, page: number) => {
    const q = new URLSearchParams();
    if (sort !== "activity") q.set("sort", sort);
    if (page > 1) q.set("page", String(page));
    return q.size > 0 ? `${c.href}?${q}` : c.href;
  };
  return (
    <Stack gap="lg">
      <Crumbs crumbs={data.crumbs} current={c.name} />
      <Group justify="space-between" align="flex-end">
        <Stack gap="xs">
          <Title order={1}>{c.name}</Title>
          {c.description && <Text c="dimmed">{c.description}</Text>}
          {c.visibility !== "public" && (
            <Text size="sm">{t(`communityPublic.visibility.${c.visibility}`)}</Text>
          )}
        </Stack>
        <Button component="a" href={`/community/new?category=${encodeURIComponent(c.id)}`}>
          {t("communityPublic.ask")}
        </Button>
      </Group>
      <nav aria-label={t("communityPublic.sort.label")}>
        <Group gap="md">
          <Text size="sm">{t("communityPublic.sort.label")}:</Text>
          {SORTS.map((s) => (
            <Anchor
              key={s}
              href={href(s, 1)}
              size="sm"
              aria-current={s === data.sort ? "page" : undefined}
              fw={s === data.sort ? 700 : 400}
            >
              {t(`communityPublic.sort.${s}`)}
            </Anchor>
          ))}
        </Group>
      </nav>
      <TopicList topics={data.topics} level="h2" />
      {data.pageCount > 1 && (
        <nav aria-label={t("communityPublic.pagination")}>
          <Group gap="md">
            {data.pageNumber > 1 && (
              <Anchor href={href(data.sort, data.pageNumber - 1)} rel="prev">
                {t("communityPublic.previous")}
              </Anchor>
            )}
            <Text size="sm">
              {t("communityPublic.pageOf", { page: data.pageNumber, count: data.pageCount })}
            </Text>
            {data.pageNumber < data.pageCount && (
              <Anchor href={href(data.sort, data.pageNumber + 1)} rel="next">
                {t("communityPublic.next")}
              </Anchor>
            )}
          </Group>
        </nav>
      )}
    </Stack>
  );
}
