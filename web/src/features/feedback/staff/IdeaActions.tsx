import {
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import type { IdeaDetail } from "../../../../../contracts/feedback.ts";
import { notifyDone } from "../../escalations/notify.ts";
import { formatDay } from "./common.tsx";
import {
  mergeIdea,
  postComment,
  useCustomerLookup,
  useFeedbackWrite,
  useIdeaSearch,
  voteFor,
} from "./feedbackApi.ts";
import { useFeedbackStaffText } from "./feedbackStaffText.ts";

const list = { listStyle: "none" } as const;

/** The idea's comments, and a staff comment (official by default: staff answer for the company). */
export function CommentsSection(props: { idea: IdeaDetail }) {
  const { t, i18n } = useFeedbackStaffText();
  const [body, setBody] = useState("");
  const [official, setOfficial] = useState(true);
  const post = useFeedbackWrite(postComment);
  return (
    <Stack gap="xs" component="section" aria-labelledby="idea-comments-heading">
      <Title order={3} size="h6" id="idea-comments-heading">
        {t("feedbackStaff.comments.title")}
      </Title>
      {props.idea.comments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("feedbackStaff.comments.none")}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" m={0} p={0} style={list}>
          {props.idea.comments.map((c) => (
            <Paper key={c.id} component="li" withBorder p="xs" radius="sm">
              <Group gap="xs" mb={4}>
                <Text size="xs" fw={600}>
                  {c.author?.name ?? ""}
                </Text>
                {c.official && (
                  <Badge size="xs" color="blue">
                    {t("feedbackStaff.comments.official")}
                  </Badge>
                )}
                <Text size="xs" c="dimmed">
                  {formatDay(c.createdAt, i18n.language)}
                </Text>
              </Group>
              {/* Rendered from markdown and sanitised by the server (raw HTML off, then the sanitiser). */}
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server, see above */}
              <Box fz="sm" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
            </Paper>
          ))}
        </Stack>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!body.trim()) return;
          post.mutate(
            { id: props.idea.id, body: body.trim(), official },
            {
              onSuccess: () => {
                setBody("");
                notifyDone(t, t("feedbackStaff.comments.posted"));
              },
            },
          );
        }}
      >
        <Stack gap="xs">
          <Textarea
            label={t("feedbackStaff.comments.body")}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={2}
            error={post.error?.message}
          />
          <Group justify="space-between">
            <Checkbox
              label={t("feedbackStaff.comments.markOfficial")}
              checked={official}
              onChange={(e) => setOfficial(e.currentTarget.checked)}
            />
            <Button type="submit" size="xs" loading={post.isPending} disabled={!body.trim()}>
              {t("feedbackStaff.comments.post")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** A customer asked on the phone or in person: staff add their vote, recorded as cast for them. */
export function OnBehalfSection(props: { idea: IdeaDetail }) {
  const { t } = useFeedbackStaffText();
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q, 250);
  const found = useCustomerLookup(debounced);
  const vote = useFeedbackWrite(voteFor);
  return (
    <Stack gap="xs" component="section" aria-labelledby="idea-onbehalf-heading">
      <Title order={3} size="h6" id="idea-onbehalf-heading">
        {t("feedbackStaff.onBehalf.title")}
      </Title>
      <TextInput
        size="xs"
        label={t("feedbackStaff.onBehalf.search")}
        description={t("feedbackStaff.onBehalf.hint")}
        placeholder={t("feedbackStaff.onBehalf.searchPlaceholder")}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      {debounced.trim().length >= 2 &&
        (found.isPending ? (
          <Loader size="xs" aria-label={t("common.loading")} />
        ) : (found.data?.items ?? []).length === 0 ? (
          <Text size="sm" c="dimmed">
            {found.isError ? found.error.message : t("feedbackStaff.onBehalf.noResults")}
          </Text>
        ) : (
          <Stack gap={4} component="ul" m={0} p={0} style={list}>
            {found.data?.items.map((c) => (
              <Group key={c.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" lineClamp={1}>
                  {c.name}
                  {c.organization ? ` · ${c.organization}` : ""}
                </Text>
                <Button
                  size="compact-xs"
                  variant="light"
                  aria-label={t("feedbackStaff.onBehalf.voteLabel", { name: c.name })}
                  loading={vote.isPending && vote.variables?.customerId === c.id}
                  onClick={() =>
                    vote.mutate(
                      { id: props.idea.id, customerId: c.id },
                      {
                        onSuccess: () => {
                          setQ("");
                          notifyDone(t, t("feedbackStaff.onBehalf.voted", { name: c.name }));
                        },
                      },
                    )
                  }
                >
                  {t("feedbackStaff.onBehalf.vote")}
                </Button>
              </Group>
            ))}
          </Stack>
        ))}
      {vote.error && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {vote.error.message}
        </Text>
      )}
    </Stack>
  );
}

/** Marks this idea a duplicate of another: search the original, confirm, then open it. */
export function MergeSection(props: { idea: IdeaDetail; onMerged: (intoId: string) => void }) {
  const { t } = useFeedbackStaffText();
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q, 250);
  const found = useIdeaSearch(debounced);
  const [target, setTarget] = useState<{ id: string; number: string; title: string } | null>(null);
  const merge = useFeedbackWrite(mergeIdea);
  const candidates = (found.data?.items ?? []).filter((i) => i.id !== props.idea.id).slice(0, 8);
  return (
    <Stack gap="xs" component="section" aria-labelledby="idea-merge-heading">
      <Title order={3} size="h6" id="idea-merge-heading">
        {t("feedbackStaff.merge.title")}
      </Title>
      <TextInput
        size="xs"
        label={t("feedbackStaff.merge.search")}
        description={t("feedbackStaff.merge.hint")}
        placeholder={t("feedbackStaff.merge.searchPlaceholder")}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setTarget(null);
        }}
      />
      {target ? (
        <Paper withBorder p="xs" radius="sm">
          <Stack gap="xs">
            <Text size="sm">
              {t("feedbackStaff.merge.confirm", { from: props.idea.number, into: target.number })}
            </Text>
            <Group gap="xs">
              <Button
                size="xs"
                color="orange"
                loading={merge.isPending}
                onClick={() =>
                  merge.mutate(
                    { id: props.idea.id, intoId: target.id },
                    {
                      onSuccess: (result) => {
                        notifyDone(t, t("feedbackStaff.merge.merged"));
                        setTarget(null);
                        setQ("");
                        props.onMerged(result.intoId);
                      },
                    },
                  )
                }
              >
                {t("feedbackStaff.merge.doIt")}
              </Button>
              <Button size="xs" variant="default" onClick={() => setTarget(null)}>
                {t("feedbackStaff.merge.cancel")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : (
        debounced.trim().length >= 2 &&
        (found.isPending ? (
          <Loader size="xs" aria-label={t("common.loading")} />
        ) : candidates.length === 0 ? (
          <Text size="sm" c="dimmed">
            {found.isError ? found.error.message : t("feedbackStaff.merge.noResults")}
          </Text>
        ) : (
          <Stack gap={4} component="ul" m={0} p={0} style={list}>
            {candidates.map((i) => (
              <Group key={i.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" lineClamp={1}>
                  #{i.number} {i.title}
                </Text>
                <Button
                  size="compact-xs"
                  variant="light"
                  aria-label={t("feedbackStaff.merge.intoLabel", { title: i.title })}
                  onClick={() => setTarget(i)}
                >
                  {t("feedbackStaff.merge.into")}
                </Button>
              </Group>
            ))}
          </Stack>
        ))
      )}
      {merge.error && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {merge.error.message}
        </Text>
      )}
    </Stack>
  );
}
