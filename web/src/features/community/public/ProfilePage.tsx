import { Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { CommunityPageData } from "../../../../../contracts/community-pages.ts";
import { useCommunityText } from "./communityText.ts";
import { Crumbs, FormattedDate } from "./shared.tsx";

type Data = Extract<CommunityPageData, { page: "profile" }>;

/** /community/u/<memberId>: a member's public profile (theirs to set, separate from the customer record). */
export function ProfilePage({ data }: { data: Data }) {
  const { t } = useCommunityText();
  const { member, badges, counts, recentAnswers } = data.profile;
  return (
    <Stack gap="lg">
      <Crumbs crumbs={data.crumbs} current={member.displayName} />
      <Group gap="md" align="center" wrap="nowrap">
        {member.avatarUrl ? (
          <img
            src={member.avatarUrl}
            alt=""
            width={72}
            height={72}
            style={{ borderRadius: "50%", objectFit: "cover" }}
          />
        ) : (
          <span
            className="cm-avatar cm-avatar-initial"
            style={{ width: 72, height: 72, fontSize: 28 }}
            aria-hidden
          >
            {member.displayName.slice(0, 1).toUpperCase()}
          </span>
        )}
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={1}>{member.displayName}</Title>
            {member.isMvp && (
              <abbr className="cm-badge cm-badge-mvp" title={t("communityPublic.mvpTitle")}>
                {t("communityPublic.mvp")}
              </abbr>
            )}
            {member.isStaff && <span className="cm-badge cm-badge-staff">{t("communityPublic.staff")}</span>}
          </Group>
          <Text size="sm" c="dimmed">
            {t("communityPublic.reputation", { count: member.reputation })} ·{" "}
            {t("communityPublic.profile.joined")} <FormattedDate iso={member.joinedAt} />
            {member.mvpUntil && (
              <>
                {" "}
                · {t("communityPublic.profile.mvpUntil")} <FormattedDate iso={member.mvpUntil} />
              </>
            )}
          </Text>
        </Stack>
      </Group>
      {member.bio && <Text style={{ whiteSpace: "pre-line" }}>{member.bio}</Text>}
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        {(
          [
            ["answers", counts.answers],
            ["accepted", counts.acceptedAnswers],
            ["questions", counts.questions],
          ] as const
        ).map(([key, n]) => (
          <Paper key={key} withBorder radius="md" p="md">
            <Text fz="xl" fw={700}>
              {n}
            </Text>
            <Text size="sm">{t(`communityPublic.profile.${key}`)}</Text>
          </Paper>
        ))}
      </SimpleGrid>
      <section aria-labelledby="badges-title">
        <Title order={2} fz="h3" id="badges-title" mb="sm">
          {t("communityPublic.profile.badges")}
        </Title>
        {badges.length === 0 ? (
          <Text c="dimmed">{t("communityPublic.profile.noBadges")}</Text>
        ) : (
          <ul className="cm-list">
            {badges.map((b) => (
              <li key={b.slug}>
                <span className="cm-badge cm-badge-plain">
                  {t(`communityPublic.profile.tiers.${b.tier}`)}
                </span>{" "}
                {b.name}{" "}
                <span className="cm-meta" style={{ display: "inline" }}>
                  <FormattedDate iso={b.awardedAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="recent-title">
        <Title order={2} fz="h3" id="recent-title" mb="sm">
          {t("communityPublic.profile.recentAnswers")}
        </Title>
        {recentAnswers.length === 0 ? (
          <Text c="dimmed">{t("communityPublic.profile.noAnswers")}</Text>
        ) : (
          <ul className="cm-list">
            {recentAnswers.map((a) => (
              <li key={`${a.href}-${a.createdAt}`}>
                <a href={a.href}>{a.topicTitle}</a>
                <div className="cm-meta">
                  {a.accepted && (
                    <span className="cm-badge cm-badge-accepted">{t("communityPublic.acceptedAnswer")}</span>
                  )}
                  <span>{t("communityPublic.votes", { count: a.score })}</span>
                  <FormattedDate iso={a.createdAt} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Stack>
  );
}
