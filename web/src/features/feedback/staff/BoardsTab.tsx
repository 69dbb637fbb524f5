import { Button, Group, NumberInput, Select, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import type { FeedbackBoard, FeedbackBoardInput } from "../../../../../contracts/feedback.ts";
import { AdminTable, EditorFooter, EditorModal, ErrorText } from "../../../ui/AdminList.tsx";
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
          {(data) => (
            <AdminTable
              label={t("feedbackStaff.boards.tableLabel")}
              minWidth={560}
              items={data.items}
              empty={t("feedbackStaff.boards.empty")}
              columns={[
                { header: t("feedbackStaff.boards.name"), cell: (board) => board.name },
                { header: t("feedbackStaff.boards.slug"), cell: (board) => board.slug },
                {
                  header: t("feedbackStaff.boards.visibility"),
                  cell: (board) => t(`feedbackStaff.visibility.${board.visibility}`),
                },
                { header: t("feedbackStaff.boards.ideas"), cell: (board) => board.ideaCount, align: "right" },
              ]}
              manageHeader={t("feedbackStaff.boards.actions")}
              editLabel={(board) => t("feedbackStaff.boards.editLabel", { name: board.name })}
              onEdit={setEditing}
              deleteLabel={(board) => t("feedbackStaff.boards.deleteLabel", { name: board.name })}
              deleting={(board) => remove.isPending && remove.variables === board.id}
              onDelete={(board) =>
                remove.mutate(board.id, { onSuccess: () => notifyDone(t, t("feedbackStaff.boards.deleted")) })
              }
            />
          )}
        </Loaded>
        {/* 409 when the board still has ideas: the server says so. */}
        <ErrorText>{remove.error?.message}</ErrorText>
      </Stack>
      <SettingsForm />
      <BoardDialog board={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

function BoardDialog(props: { board: FeedbackBoard | "new" | null; onClose: () => void }) {
  const { t } = useFeedbackStaffText();
  if (props.board === null) return null;
  const existing = props.board !== "new" ? props.board : null;
  const title = existing
    ? t("feedbackStaff.boards.editLabel", { name: existing.name })
    : t("feedbackStaff.boards.new");
  return (
    <EditorModal title={title} closeLabel={t("common.close")} onClose={props.onClose}>
      <BoardForm board={existing} onDone={props.onClose} />
    </EditorModal>
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
        <EditorFooter
          error={
            save.error && !["name", "slug", "description"].some((f) => fieldError(save.error, f))
              ? save.error.message
              : null
          }
          cancel={t("feedbackStaff.boards.cancel")}
          onCancel={props.onDone}
          submit={props.board ? t("feedbackStaff.boards.save") : t("feedbackStaff.boards.create")}
          busy={save.isPending}
        />
      </Stack>
    </form>
  );
}
