import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import {
  type LeaderboardCategoryFilter,
  leaderboardHref,
} from "../../../../../contracts/community-leaderboard-page.ts";
import type { CommunityPageData } from "../../../../../contracts/community-pages.ts";
import { useCommunityText } from "./communityText.ts";
import { useExtrasText } from "./extrasText.ts";
import { Crumbs, FormattedDate, MemberName } from "./shared.tsx";

type Mvps = Extract<CommunityPageData, { page: "mvps" }>;
// The category filter arrives with the page data once the page's loader passes it
// (reputation/leaderboard-page.ts); without it the page shows the overall boards as before.
type Leaders = Extract<CommunityPageData, { page: "leaderboard" }> & Partial<LeaderboardCategoryFilter>;

/** /community/mvps: the public MVP directory (members with a current term). */
export function MvpDirectory({ data }: { data: Mvps }) {
  const { t } = useCommunityText();
  return (
    <Stack gap="lg">
      <Crumbs crumbs={data.crumbs} current={t("communityPublic.mvps.title")} />
      <Stack gap="xs">
        <Title order={1}>{t("communityPublic.mvps.title")}</Title>
        <Text c="dimmed">{t("communityPublic.mvps.intro")}</Text>
      </Stack>
      {data.mvps.length === 0 ? (
        <Text c="dimmed">{t("communityPublic.mvps.none")}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {data.mvps.map((m) => (
            <Paper key={m.id} withBorder radius="lg" p="md" component="section" aria-label={m.displayName}>
              <Stack gap={4}>
                <MemberName member={m} avatar />
                <Text size="sm" c="dimmed">
                  {t("communityPublic.reputation", { count: m.reputation })} ·{" "}
                  {t("communityPublic.profile.mvpUntil")} <FormattedDate iso={m.mvpUntil} />
                </Text>
                {m.bio && (
                  <Text size="sm" lineClamp={3}>
                    {m.bio}
                  </Text>
                )}
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

const PERIODS = ["week", "month", "all"] as const;

/**
 * /community/leaderboard?period=week|month|all&category=<slug>: competition ranking (ties share
 * a rank), for the whole community or one public category. Periods and categories are plain
 * links that keep each other, so the page works without JavaScript.
 */
export function LeaderboardPage({ data }: { data: Leaders }) {
  const { t } = useCommunityText();
  const category = data.category ?? null;
  const slug = category?.slug ?? null;
  return (
    <Stack gap="lg">
      <Crumbs crumbs={data.crumbs} current={t("communityPublic.leaderboard.title")} />
      <Title order={1}>
        {category
          ? `${t("communityPublic.leaderboard.title")}: ${category.name}`
          : t("communityPublic.leaderboard.title")}
      </Title>
      <nav aria-label={t("communityPublic.leaderboard.title")}>
        <Group gap="md">
          {PERIODS.map((p) => (
            <Anchor
              key={p}
              href={leaderboardHref(p, slug)}
              aria-current={p === data.period ? "page" : undefined}
              fw={p === data.period ? 700 : 400}
            >
              {t(`communityPublic.leaderboard.periods.${p}`)}
            </Anchor>
          ))}
        </Group>
      </nav>
      {data.categories && data.categories.length > 0 && (
        <CategoryFilter period={data.period} categories={data.categories} current={category?.id ?? null} />
      )}
      {data.rows.length === 0 ? (
        <Text c="dimmed">{t("communityPublic.leaderboard.none")}</Text>
      ) : (
        <table className="cm-table">
          <caption className="cm-sr">{t(`communityPublic.leaderboard.periods.${data.period}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("communityPublic.leaderboard.rank")}</th>
              <th scope="col">{t("communityPublic.leaderboard.member")}</th>
              <th scope="col">{t("communityPublic.leaderboard.points")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.member.id}>
                <td>{r.rank}</td>
                <td>
                  <MemberName member={r.member} avatar />
                </td>
                <td>{r.points}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Stack>
  );
}

/** "All categories" and each public category, as links that keep the chosen period. */
function CategoryFilter(props: {
  period: Leaders["period"];
  categories: LeaderboardCategoryFilter["categories"];
  current: string | null;
}) {
  const { t } = useExtrasText();
  const links = [
    { id: null, slug: null, name: t("communityPublic.leaderboardCategories.all") },
    ...props.categories,
  ];
  return (
    <nav aria-label={t("communityPublic.leaderboardCategories.label")}>
      <Group gap="sm">
        <Text size="sm" c="dimmed">
          {t("communityPublic.leaderboardCategories.label")}:
        </Text>
        {links.map((c) => (
          <Anchor
            key={c.id ?? "all"}
            size="sm"
            href={leaderboardHref(props.period, c.slug)}
            aria-current={c.id === props.current ? "page" : undefined}
            fw={c.id === props.current ? 700 : 400}
          >
            {c.name}
          </Anchor>
        ))}
      </Group>
    </nav>
  );
}
