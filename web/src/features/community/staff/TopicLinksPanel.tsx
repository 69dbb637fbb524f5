import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconLinkOff } from "@tabler/icons-react";
import { useState } from "react";
import { notifyDone } from "../../escalations/notify.ts";
import { useCommunityStaffText } from "./communityStaffText.ts";
import {
  type LinkTarget,
  linkTopic,
  type TopicSummary,
  unlinkTopic,
  useCommunityWrite,
  useLinkedTopics,
  useTopicSearch,
} from "./staffApi.ts";

/** Only our own relative topic URLs become links (a drifting or hostile value stays text). */
const safeUrl = (url: string) => (url.startsWith("/community/") ? url : undefined);

function TopicTitle(props: { topic: TopicSummary }) {
  const { t } = useCommunityStaffText();
  const href = safeUrl(props.topic.url);
  return (
    <Group gap={6} wrap="nowrap" miw={0}>
      {href ? (
        <Anchor href={href} target="_blank" size="sm" lineClamp={1}>
          {props.topic.title}
        </Anchor>
      ) : (
        <Text size="sm" lineClamp={1}>
          {props.topic.title}
        </Text>
      )}
      {props.topic.solved && (
        <Badge size="xs" color="teal" variant="light">
          {t("communityStaff.links.solved")}
        </Badge>
      )}
    </Group>
  );
}

/**
 * "Link community topic" on a case or a problem: the topics already linked, and a search by
 * title to link another. A problem link makes the topic show the problem's status, live.
 */
export function TopicLinksPanel(props: { target: LinkTarget; canWork: boolean }) {
  const { t } = useCommunityStaffText();
  const linked = useLinkedTopics(props.target);
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q, 250);
  const found = useTopicSearch(props.canWork ? debounced : "");
  const link = useCommunityWrite(linkTopic);
  const unlink = useCommunityWrite(unlinkTopic);
  const linkedIds = new Set((linked.data?.items ?? []).map((x) => x.id));
  const headingId = `community-links-${props.target.kind}`;
  const error = link.error ?? unlink.error;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h5" id={headingId}>
          {t("communityStaff.links.title")}
        </Title>
        {linked.isPending ? (
          <Loader size="xs" aria-label={t("common.loading")} />
        ) : (linked.data?.items ?? []).length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("communityStaff.links.none")}
          </Text>
        ) : (
          <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
            {linked.data?.items.map((topic) => (
              <Group key={topic.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
                <TopicTitle topic={topic} />
                {props.canWork && (
                  <Tooltip label={t("communityStaff.links.unlink")}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t("communityStaff.links.unlinkLabel", { title: topic.title })}
                      onClick={() =>
                        unlink.mutate(
                          { topicId: topic.id, target: props.target },
                          { onSuccess: () => notifyDone(t, t("communityStaff.links.unlinked")) },
                        )
                      }
                    >
                      <IconLinkOff size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {props.canWork && (
          <>
            <TextInput
              size="xs"
              label={t("communityStaff.links.search")}
              placeholder={t("communityStaff.links.searchPlaceholder")}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
            />
            {debounced.trim().length >= 2 &&
              (found.isPending ? (
                <Loader size="xs" aria-label={t("common.loading")} />
              ) : (found.data?.items ?? []).length === 0 ? (
                <Text size="sm" c="dimmed">
                  {found.isError ? found.error.message : t("communityStaff.links.noResults")}
                </Text>
              ) : (
                <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
                  {found.data?.items
                    .filter((topic) => !linkedIds.has(topic.id))
                    .slice(0, 8)
                    .map((topic) => (
                      <Group key={topic.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
                        <TopicTitle topic={topic} />
                        <Button
                          size="compact-xs"
                          variant="light"
                          aria-label={t("communityStaff.links.linkLabel", { title: topic.title })}
                          loading={link.isPending && link.variables?.topicId === topic.id}
                          onClick={() =>
                            link.mutate(
                              { topicId: topic.id, target: props.target },
                              {
                                onSuccess: () => {
                                  setQ("");
                                  notifyDone(t, t("communityStaff.links.linked"));
                                },
                              },
                            )
                          }
                        >
                          {t("communityStaff.links.link")}
                        </Button>
                      </Group>
                    ))}
                </Stack>
              ))}
          </>
        )}
        {error && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {error.message}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
