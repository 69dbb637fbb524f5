import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconLinkOff } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import { IDEA_DESCRIPTION_MAX, type IdeaSummary } from "../../../../../contracts/feedback.ts";
import { useCase, useMessages } from "../../cases/casesApi.ts";
import { notifyDone } from "../../escalations/notify.ts";
import { fieldError, StatusBadge } from "./common.tsx";
import {
  createIdea,
  linkCase,
  unlinkCase,
  useBoards,
  useFeedbackWrite,
  useIdeaSearch,
  useIdeas,
} from "./feedbackApi.ts";
import { useFeedbackStaffText } from "./feedbackStaffText.ts";

const list = { listStyle: "none" } as const;

function IdeaTitle(props: { idea: IdeaSummary }) {
  return (
    <Group gap={6} wrap="nowrap" miw={0}>
      <Anchor component={Link} to={`/app/feedback?idea=${props.idea.id}`} size="sm" lineClamp={1}>
        #{props.idea.number} {props.idea.title}
      </Anchor>
      <StatusBadge status={props.idea.status} label={props.idea.statusLabel} />
    </Group>
  );
}

/**
 * "Ideas" beside a case: the ideas this case is evidence for, and — for agents — linking it to
 * an existing idea (search) or raising a new one from the case in a few clicks. A link counts
 * the case's customer as a requester without making them vote publicly.
 */
export function CaseIdeasPanel(props: { caseId: string; canWork: boolean }) {
  const { t } = useFeedbackStaffText();
  const linked = useIdeas({ caseId: props.caseId, pageSize: 50 });
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q, 250);
  const found = useIdeaSearch(props.canWork ? debounced : "");
  const link = useFeedbackWrite(linkCase);
  const unlink = useFeedbackWrite(unlinkCase);
  const [creating, setCreating] = useState(false);
  const linkedIds = new Set((linked.data?.items ?? []).map((x) => x.id));
  const error = link.error ?? unlink.error;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="case-ideas-heading">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h5" id="case-ideas-heading">
            {t("feedbackStaff.panel.title")}
          </Title>
          {props.canWork && (
            <Button size="compact-xs" variant="light" onClick={() => setCreating(true)}>
              {t("feedbackStaff.panel.newIdea")}
            </Button>
          )}
        </Group>
        {linked.isPending ? (
          <Loader size="xs" aria-label={t("common.loading")} />
        ) : (linked.data?.items ?? []).length === 0 ? (
          <Text size="sm" c="dimmed">
            {linked.isError ? linked.error.message : t("feedbackStaff.panel.none")}
          </Text>
        ) : (
          <Stack gap={4} component="ul" m={0} p={0} style={list}>
            {linked.data?.items.map((idea) => (
              <Group key={idea.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
                <IdeaTitle idea={idea} />
                {props.canWork && (
                  <Tooltip label={t("feedbackStaff.panel.unlinkLabel", { title: idea.title })}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t("feedbackStaff.panel.unlinkLabel", { title: idea.title })}
                      onClick={() =>
                        unlink.mutate(
                          { id: idea.id, caseId: props.caseId },
                          { onSuccess: () => notifyDone(t, t("feedbackStaff.panel.unlinked")) },
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
              label={t("feedbackStaff.panel.search")}
              placeholder={t("feedbackStaff.panel.searchPlaceholder")}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
            />
            {debounced.trim().length >= 2 &&
              (found.isPending ? (
                <Loader size="xs" aria-label={t("common.loading")} />
              ) : (found.data?.items ?? []).filter((i) => !linkedIds.has(i.id)).length === 0 ? (
                <Text size="sm" c="dimmed">
                  {found.isError ? found.error.message : t("feedbackStaff.panel.noResults")}
                </Text>
              ) : (
                <Stack gap={4} component="ul" m={0} p={0} style={list}>
                  {found.data?.items
                    .filter((idea) => !linkedIds.has(idea.id))
                    .slice(0, 8)
                    .map((idea) => (
                      <Group key={idea.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
                        <IdeaTitle idea={idea} />
                        <Button
                          size="compact-xs"
                          variant="light"
                          aria-label={t("feedbackStaff.panel.linkLabel", { title: idea.title })}
                          loading={link.isPending && link.variables?.id === idea.id}
                          onClick={() =>
                            link.mutate(
                              { id: idea.id, caseId: props.caseId },
                              {
                                onSuccess: () => {
                                  setQ("");
                                  notifyDone(t, t("feedbackStaff.panel.linked"));
                                },
                              },
                            )
                          }
                        >
                          {t("feedbackStaff.panel.link")}
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
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t("feedbackStaff.panel.newIdea")}
        closeButtonProps={{ "aria-label": t("common.close") }}
        size="lg"
      >
        {creating && <NewIdeaForm caseId={props.caseId} onDone={() => setCreating(false)} />}
      </Modal>
    </Paper>
  );
}

/** Prefilled from the case: its subject, and what the customer said last. */
function NewIdeaForm(props: { caseId: string; onDone: () => void }) {
  const { t } = useFeedbackStaffText();
  const found = useCase(props.caseId);
  const messages = useMessages(props.caseId);
  const boards = useBoards();
  const lastWords =
    [...(messages.data?.items ?? [])].reverse().find((m) => m.kind === "customer")?.body ?? "";
  const [boardId, setBoardId] = useState<string | null>(null);
  const [title, setTitle] = useState<string | null>(null);
  const [description, setDescription] = useState<string | null>(null);
  const [tags, setTags] = useState("");
  const create = useFeedbackWrite(createIdea);
  const c = found.data;
  // Until the agent types, the fields follow the case as it loads.
  const shownTitle = title ?? c?.subject ?? "";
  const shownDescription = description ?? lastWords.slice(0, IDEA_DESCRIPTION_MAX);
  const board = boardId ?? boards.data?.items[0]?.id ?? null;
  const noBoards = boards.isSuccess && boards.data.items.length === 0;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!board || !c) return;
        create.mutate(
          {
            boardId: board,
            title: shownTitle.trim(),
            description: shownDescription.trim(),
            tags: tags
              .split(",")
              .map((x) => x.trim().toLowerCase())
              .filter(Boolean),
            customerId: c.customer.id,
            caseId: props.caseId,
          },
          {
            onSuccess: () => {
              notifyDone(t, t("feedbackStaff.panel.created"));
              props.onDone();
            },
          },
        );
      }}
    >
      <Stack gap="sm">
        {noBoards ? (
          <Text size="sm" role="alert">
            {t("feedbackStaff.panel.noBoards")}
          </Text>
        ) : (
          <Select
            label={t("feedbackStaff.ideas.board")}
            data={(boards.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
            value={board}
            onChange={setBoardId}
            allowDeselect={false}
            required
            error={fieldError(create.error, "boardId")}
          />
        )}
        <TextInput
          label={t("feedbackStaff.panel.ideaTitle")}
          value={shownTitle}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
          data-autofocus
          error={fieldError(create.error, "title")}
        />
        <Textarea
          label={t("feedbackStaff.panel.description")}
          value={shownDescription}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={10}
          error={fieldError(create.error, "description")}
        />
        <TextInput
          label={t("feedbackStaff.panel.tags")}
          description={t("feedbackStaff.panel.tagsHint")}
          value={tags}
          onChange={(e) => setTags(e.currentTarget.value)}
          error={fieldError(create.error, "tags")}
        />
        {create.error &&
          !["boardId", "title", "description", "tags"].some((f) => fieldError(create.error, f)) && (
            <Text size="sm" c="var(--mantine-color-error)" role="alert">
              {create.error.message}
            </Text>
          )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onDone}>
            {t("feedbackStaff.boards.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={!board || !c}>
            {t("feedbackStaff.panel.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
