import { Anchor, Badge, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCommunityStaffText } from "./communityStaffText.ts";
import { formatDay } from "./format.ts";
import { useCustomerRecord } from "./staffApi.ts";

/**
 * The customer's community record beside the case: MVP, reputation, accepted answers and how
 * many customers their answers helped — the good customers, at a glance. Nothing at all when
 * the customer never took part (or the record cannot be read).
 */
export function CustomerCommunityRecord(props: { customerId: string }) {
  const { t } = useCommunityStaffText();
  const { i18n } = useTranslation();
  const record = useCustomerRecord(props.customerId);
  const r = record.data;
  if (!r?.member) return null;
  const stat = (label: string, value: number | undefined) => (
    <Stack gap={0} align="center" miw={72}>
      <Text fw={700}>{value ?? 0}</Text>
      <Text size="xs" c="dimmed" ta="center">
        {label}
      </Text>
    </Stack>
  );
  return (
    <Stack gap={6} component="section" aria-labelledby="customer-community">
      <Group justify="space-between" gap="xs">
        <Title order={3} size="h6" tt="uppercase" c="dimmed" id="customer-community">
          {t("communityStaff.record.title")}
        </Title>
        {r.isMvp && (
          <Badge color="grape" variant="filled">
            {r.mvpUntil
              ? t("communityStaff.record.mvpUntil", { date: formatDay(r.mvpUntil, i18n.language) })
              : t("communityStaff.record.mvp")}
          </Badge>
        )}
      </Group>
      <Text size="sm" fw={600}>
        {r.member.displayName}
      </Text>
      <Group gap="xs" justify="space-around">
        {stat(t("communityStaff.record.reputation"), r.reputation)}
        {stat(t("communityStaff.record.acceptedAnswers"), r.acceptedAnswers)}
        {stat(t("communityStaff.record.answers"), r.answers)}
      </Group>
      {(r.helpedCount ?? 0) > 0 && (
        <Text size="sm" c="teal">
          {t("communityStaff.record.helped", { count: r.helpedCount ?? 0 })}
        </Text>
      )}
      {(r.badges ?? []).length > 0 && (
        <Group gap={4}>
          {r.badges?.map((b) => (
            <Badge key={b.slug} size="sm" variant="light">
              {b.name}
            </Badge>
          ))}
        </Group>
      )}
      <Text size="xs" c="dimmed">
        {t("communityStaff.record.recentTopics")}
      </Text>
      {(r.recentTopics ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("communityStaff.record.noTopics")}
        </Text>
      ) : (
        <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
          {r.recentTopics?.slice(0, 5).map((topic) => (
            <li key={topic.id}>
              {topic.url.startsWith("/community/") ? (
                <Anchor href={topic.url} target="_blank" size="sm" lineClamp={1}>
                  {topic.title}
                </Anchor>
              ) : (
                <Text size="sm">{topic.title}</Text>
              )}
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
