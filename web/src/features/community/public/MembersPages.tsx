import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { CommunityPageData } from "../../../../../contracts/community-pages.ts";
import { useCommunityText } from "./communityText.ts";
import { Crumbs, FormattedDate, MemberName } from "./shared.tsx";

type Mvps = Extract<CommunityPageData, { page: "mvps" }>;
type Leaders = Extract<CommunityPageData, { page: "leaderboard" }>;

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

/** /community/leaderboard?period=week|month|all: competition ranking (ties share a rank). */
export function LeaderboardPage({ data }: { data: Leaders }) {
  const { t } = useCommunityText();
  return (
    <Stack gap="lg">
      <Crumbs crumbs={data.crumbs} current={t("communityPublic.leaderboard.title")} />
      <Title order={1}>{t("communityPublic.leaderboard.title")}</Title>
      <nav aria-label={t("communityPublic.leaderboard.title")}>
        <Group gap="md">
          {PERIODS.map((p) => (
            <Anchor
              key={p}
              href={p === "week" ? "/community/leaderboard" : `/community/leaderboard?period=${p}`}
              aria-current={p === data.period ? "page" : undefined}
              fw={p === data.period ? 700 : 400}
            >
              {t(`communityPublic.leaderboard.periods.${p}`)}
            </Anchor>
          ))}
        </Group>
      </nav>
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
