import { Alert, Button, Paper, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Escalation } from "../../../../contracts/escalations.ts";
import { formatDateTime } from "../../ui/formatDate.ts";
import { useMessages } from "../cases/casesApi.ts";
import { useAddNote, useAddTask, useCaseTasks, useHandBack } from "./escalationsApi.ts";
import { notifyDone } from "./notify.ts";
import { TaskList } from "./TaskList.tsx";

type CardProps = { escalation: Escalation; canWork: boolean; canCompleteTasks: boolean };

/** Findings: shown to everyone once handed back; engineers write (or revise) them. */
export function FindingsCard(props: CardProps) {
  const { t, i18n } = useTranslation();
  const e = props.escalation;
  const handBack = useHandBack(e.id, e.caseId);
  const [text, setText] = useState("");
  const open = e.status !== "closed";
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="esc-findings">
      <Stack gap="sm">
        <Title order={2} size="h4" id="esc-findings">
          {t("escalations.findings")}
        </Title>
        {e.findings && (
          <Alert
            color="teal"
            variant="light"
            title={t("escalations.findingsBy", {
              name: e.findingsBy ?? "",
              time: e.findingsAt ? formatDateTime(e.findingsAt, i18n.language) : "",
            })}
          >
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="findings">
              {e.findings}
            </Text>
          </Alert>
        )}
        {props.canWork && open && (
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              handBack.mutate(text, {
                onSuccess: () => {
                  setText("");
                  notifyDone(t, t("escalations.handedBack"));
                },
              });
            }}
          >
            <Stack gap="xs">
              <Textarea
                label={t("escalations.findingsLabel")}
                placeholder={t("escalations.findingsPlaceholder")}
                autosize
                minRows={3}
                value={text}
                onChange={(ev) => setText(ev.currentTarget.value)}
                error={handBack.error?.message}
              />
              <Button type="submit" disabled={!text.trim()} loading={handBack.isPending} w="fit-content">
                {t("escalations.handBack")}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

/** Further diagnostics engineers ask of the agent; they appear as tasks on the case. */
export function TasksCard(props: CardProps) {
  const { t } = useTranslation();
  const e = props.escalation;
  const tasks = useCaseTasks(e.caseId);
  const add = useAddTask(e.id, e.caseId);
  const [title, setTitle] = useState("");
  const [detail, setDetail] = useState("");
  const mine = (tasks.data?.items ?? []).filter((x) => x.escalationId === e.id);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="esc-tasks">
      <Stack gap="sm">
        <Title order={2} size="h4" id="esc-tasks">
          {t("escalations.tasks")}
        </Title>
        {mine.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("escalations.noTasks")}
          </Text>
        ) : (
          <TaskList
            caseId={e.caseId}
            tasks={mine}
            canComplete={props.canCompleteTasks}
            label={t("escalations.tasks")}
          />
        )}
        {props.canWork && e.status !== "closed" && (
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              add.mutate(detail.trim() ? { title, detail } : { title }, {
                onSuccess: () => {
                  setTitle("");
                  setDetail("");
                  notifyDone(t, t("escalations.taskAdded"));
                },
              });
            }}
          >
            <Stack gap="xs">
              <TextInput
                label={t("escalations.taskTitle")}
                placeholder={t("escalations.taskTitlePlaceholder")}
                value={title}
                onChange={(ev) => setTitle(ev.currentTarget.value)}
                error={add.error?.message}
              />
              <Textarea
                label={t("escalations.taskDetail")}
                autosize
                minRows={2}
                value={detail}
                onChange={(ev) => setDetail(ev.currentTarget.value)}
              />
              <Button
                type="submit"
                variant="light"
                disabled={!title.trim()}
                loading={add.isPending}
                w="fit-content"
              >
                {t("escalations.addTask")}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

/** Internal notes of the case (messages of kind "note"), and a box for engineers to add one. */
export function NotesCard(props: CardProps) {
  const { t, i18n } = useTranslation();
  const e = props.escalation;
  const messages = useMessages(e.caseId);
  const add = useAddNote(e.id, e.caseId);
  const [body, setBody] = useState("");
  const notes = (messages.data?.items ?? []).filter((m) => m.kind === "note");
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="esc-notes">
      <Stack gap="sm">
        <Title order={2} size="h4" id="esc-notes">
          {t("escalations.notes")}
        </Title>
        <Text size="xs" c="dimmed">
          {t("escalations.notesHint")}
        </Text>
        {notes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("escalations.noNotes")}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {notes.map((n) => (
              <li key={n.id}>
                <Paper bg="yellow.0" p="xs" radius="sm">
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {n.body}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {n.author.name} · {formatDateTime(n.createdAt, i18n.language)}
                  </Text>
                </Paper>
              </li>
            ))}
          </Stack>
        )}
        {props.canWork && e.status !== "closed" && (
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              add.mutate(body, {
                onSuccess: () => {
                  setBody("");
                  notifyDone(t, t("escalations.noteAdded"));
                },
              });
            }}
          >
            <Stack gap="xs">
              <Textarea
                label={t("escalations.noteLabel")}
                autosize
                minRows={2}
                value={body}
                onChange={(ev) => setBody(ev.currentTarget.value)}
                error={add.error?.message}
              />
              <Button
                type="submit"
                variant="light"
                disabled={!body.trim()}
                loading={add.isPending}
                w="fit-content"
              >
                {t("escalations.addNote")}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
