import {
  ActionIcon,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import type { FeedbackBoard, FeedbackBoardInput } from "../../../../../contracts/feedback.ts";
import { notifyDone } from "../../escalations/notify.ts";
import { fieldError, Loaded } from "./common.tsx";
import { createBoard, deleteBoard, updateBoard, useBoards, useFeedbackWrite } from "./feedbackApi.ts";
import { useFeedbackStaffText } from "./feedbackStaffText.ts";
import { SettingsForm } from "./SettingsForm.tsx";

const VISIBILITIES = ["public", "customers", "staff"] as const;

/** feedback.manage: the boards (who may read each) and the portal's settings. */
export function BoardsTab() {
  const { t } = useFeedbackStaffText();
  const boards = useBoards();
  const [editing, setEditing] = useState<FeedbackBoard | "new" | null>(null);
  const remove = useFeedbackWrite(deleteBoard);

  return (
    <Stack gap="xl">
      <Stack gap="sm" component="section" aria-labelledby="feedback-boards-heading">
        <Group justify="space-between">
          <Title order={2} size="h4" id="feedback-boards-heading">
            {t("feedbackStaff.boards.title")}
          </Title>
          <Button onClick={() => setEditing("new")}>{t("feedbackStaff.boards.new")}</Button>
        </Group>
        <Loaded query={boards}>
          {(data) =>
            data.items.length === 0 ? (
              <Text c="dimmed">{t("feedbackStaff.boards.empty")}</Text>
            ) : (
              <Table.ScrollContainer minWidth={560}>
                <Table aria-label={t("feedbackStaff.boards.tableLabel")} verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("feedbackStaff.boards.name")}</Table.Th>
                      <Table.Th>{t("feedbackStaff.boards.slug")}</Table.Th>
                      <Table.Th>{t("feedbackStaff.boards.visibility")}</Table.Th>
                      <Table.Th ta="right">{t("feedbackStaff.boards.ideas")}</Table.Th>
                      <Table.Th>{t("feedbackStaff.boards.actions")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((board) => (
                      <Table.Tr key={board.id}>
                        <Table.Td>{board.name}</Table.Td>
                        <Table.Td>{board.slug}</Table.Td>
                        <Table.Td>{t(`feedbackStaff.visibility.${board.visibility}`)}</Table.Td>
                        <Table.Td ta="right">{board.ideaCount}</Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <ActionIcon
                              variant="subtle"
                              aria-label={t("feedbackStaff.boards.editLabel", { name: board.name })}
                              onClick={() => setEditing(board)}
                            >
                              <IconPencil size={16} aria-hidden />
                            </ActionIcon>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t("feedbackStaff.boards.deleteLabel", { name: board.name })}
                              loading={remove.isPending && remove.variables === board.id}
                              onClick={() =>
                                remove.mutate(board.id, {
                                  onSuccess: () => notifyDone(t, t("feedbackStaff.boards.deleted")),
                                })
                              }
                            >
                              <IconTrash size={16} aria-hidden />
                            </ActionIcon>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </Loaded>
        {remove.error && (
          // 409 when the board still has ideas: the server says so.
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {remove.error.message}
          </Text>
        )}
      </Stack>
      <SettingsForm />
      <BoardDialog board={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

function BoardDialog(props: { board: FeedbackBoard | "new" | null; onClose: () => void }) {
  const { t } = useFeedbackStaffText();
  const existing = props.board && props.board !== "new" ? props.board : null;
  const title = existing
    ? t("feedbackStaff.boards.editLabel", { name: existing.name })
    : t("feedbackStaff.boards.new");
  return (
    <Modal
      opened={props.board !== null}
      onClose={props.onClose}
      title={title}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      {props.board !== null && <BoardForm board={existing} onDone={props.onClose} />}
    </Modal>
  );
}

function BoardForm(props: { board: FeedbackBoard | null; onDone: () => void }) {
  const { t } = useFeedbackStaffText();
  const [name, setName] = useState(props.board?.name ?? "");
  const [slug, setSlug] = useState(props.board?.slug ?? "");
  const [description, setDescription] = useState(props.board?.description ?? "");
  const [visibility, setVisibility] = useState<FeedbackBoardInput["visibility"]>(
    props.board?.visibility ?? "public",
  );
  const [position, setPosition] = useState<number>(props.board?.position ?? 0);
  const save = useFeedbackWrite((body: FeedbackBoardInput) =>
    props.board ? updateBoard({ id: props.board.id, ...body }) : createBoard(body),
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            name: name.trim(),
            ...(slug.trim() ? { slug: slug.trim() } : {}),
            description: description.trim(),
            visibility,
            position,
          },
          {
            onSuccess: () => {
              notifyDone(t, t("feedbackStaff.saved"));
              props.onDone();
            },
          },
        );
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t("feedbackStaff.boards.name")}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          data-autofocus
          error={fieldError(save.error, "name")}
        />
        <TextInput
          label={t("feedbackStaff.boards.slug")}
          description={t("feedbackStaff.boards.slugHint")}
          value={slug}
          onChange={(e) => setSlug(e.currentTarget.value)}
          error={fieldError(save.error, "slug")}
        />
        <Textarea
          label={t("feedbackStaff.boards.description")}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={2}
          error={fieldError(save.error, "description")}
        />
        <Select
          label={t("feedbackStaff.boards.visibility")}
          data={VISIBILITIES.map((v) => ({ value: v, label: t(`feedbackStaff.visibility.${v}`) }))}
          value={visibility}
          onChange={(v) => setVisibility((v ?? "public") as FeedbackBoardInput["visibility"])}
          allowDeselect={false}
        />
        <NumberInput
          label={t("feedbackStaff.boards.position")}
          value={position}
          onChange={(v) => setPosition(typeof v === "number" ? v : 0)}
          min={0}
          max={10_000}
          allowDecimal={false}
        />
        {save.error && !["name", "slug", "description"].some((f) => fieldError(save.error, f)) && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {save.error.message}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onDone}>
            {t("feedbackStaff.boards.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {props.board ? t("feedbackStaff.boards.save") : t("feedbackStaff.boards.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
