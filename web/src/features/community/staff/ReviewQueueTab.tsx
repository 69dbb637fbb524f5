import { Anchor, Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { notifyDone } from "../../escalations/notify.ts";
import { Loaded } from "./CommunityStaffPage.tsx";
import { useCommunityStaffText } from "./communityStaffText.ts";
import { type FlagGroup, reviewPost, useCommunityWrite, useFlagQueue } from "./staffApi.ts";

const REASONS = ["spam", "offensive", "off_topic", "other"] as const;

/** Flagged posts, one card per post with its flags, and the three decisions. */
export function ReviewQueueTab() {
  const { t } = useCommunityStaffText();
  const queue = useFlagQueue();
  return (
    <Loaded query={queue}>
      {(data) =>
        data.items.length === 0 ? (
          <Text c="dimmed">{t("communityStaff.review.empty")}</Text>
        ) : (
          <Stack gap="md">
            {data.items.map((group) => (
              <FlaggedPost key={group.post.id} group={group} />
            ))}
          </Stack>
        )
      }
    </Loaded>
  );
}

function FlaggedPost(props: { group: FlagGroup }) {
  const { t } = useCommunityStaffText();
  const decide = useCommunityWrite(reviewPost);
  const { post, flags } = props.group;
  const reason = (r: string) =>
    REASONS.includes(r as (typeof REASONS)[number])
      ? t(`communityStaff.review.reasons.${r as (typeof REASONS)[number]}`)
      : r;
  const act = (decision: "agree" | "disagree" | "ignore") =>
    decide.mutate(
      { postId: post.id, decision },
      { onSuccess: () => notifyDone(t, t("communityStaff.review.decided")) },
    );
  const headingId = `flagged-${post.id}`;
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} id={headingId}>
            {post.topicUrl?.startsWith("/") ? (
              <Anchor href={post.topicUrl} target="_blank" inherit>
                {post.topicTitle ?? t("communityStaff.review.open")}
              </Anchor>
            ) : (
              (post.topicTitle ?? t("communityStaff.review.open"))
            )}
          </Text>
          <Group gap={6}>
            {post.hidden && <Badge color="orange">{t("communityStaff.review.hidden")}</Badge>}
            <Badge variant="light">{t("communityStaff.review.flags", { count: flags.length })}</Badge>
            {props.group.weight !== undefined && (
              <Badge variant="outline">
                {t("communityStaff.review.weight", { weight: props.group.weight })}
              </Badge>
            )}
          </Group>
        </Group>
        {post.author && (
          <Text size="sm" c="dimmed">
            {t("communityStaff.review.by", { name: post.author.displayName })}
          </Text>
        )}
        {/* Hostile text stays text: shown as a plain string, never as HTML. */}
        <Text size="sm" lineClamp={6} style={{ whiteSpace: "pre-wrap" }}>
          {post.excerpt ?? post.body ?? ""}
        </Text>
        <Stack gap={2} component="ul" m={0} pl="md">
          {flags.map((f) => (
            <Text key={f.id} component="li" size="sm">
              {f.source === "spam_check"
                ? t("communityStaff.review.spamCheck")
                : (f.flagger?.displayName ?? "—")}
              {": "}
              {reason(f.reason)}
              {f.note ? ` — ${f.note}` : ""}
            </Text>
          ))}
        </Stack>
        <Group gap="xs">
          <Button size="xs" color="red" onClick={() => act("agree")} loading={decide.isPending}>
            {t("communityStaff.review.agree")}
          </Button>
          <Button size="xs" variant="light" onClick={() => act("disagree")} disabled={decide.isPending}>
            {t("communityStaff.review.disagree")}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => act("ignore")} disabled={decide.isPending}>
            {t("communityStaff.review.ignore")}
          </Button>
        </Group>
        {decide.isError && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {decide.error.message}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
