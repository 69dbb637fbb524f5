import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { QUESTION_KINDS, type QuestionKindName } from "../../../../contracts/academy-courses.ts";
import { ApiError } from "../../api/client.ts";
import { useAcademyAdminText } from "./academyAdminText.ts";
import { useDeleteQuestion, useQuestions, useSaveQuestion } from "./academyApi.ts";

type Draft = {
  id?: string;
  kind: QuestionKindName;
  prompt: string;
  choices: Array<{ id: string; text: string }>;
  correct: string[];
  accepted: string;
  explanation: string;
};
const blank = (): Draft => ({
  kind: "single",
  prompt: "",
  choices: [
    { id: "a", text: "" },
    { id: "b", text: "" },
  ],
  correct: [],
  accepted: "",
  explanation: "",
});
const nextId = (choices: Draft["choices"]) => {
  for (const c of "abcdefghijklmnopqrst") if (!choices.some((x) => x.id === c)) return c;
  return String(choices.length + 1);
};

/** A quiz's questions: single, multiple or short answer, with the right answers and an explanation. */
export function QuestionEditor(props: { courseId: string; lessonId: string }) {
  const { t } = useAcademyAdminText();
  const questions = useQuestions(props.lessonId);
  const [editing, setEditing] = useState<Draft | null>(null);
  const remove = useDeleteQuestion(props.courseId, props.lessonId);
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t("academyAdmin.quiz.title")}
      </Title>
      {questions.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("academyAdmin.quiz.none")}
        </Text>
      )}
      {questions.data?.items.map((q, i) => (
        <Group key={q.id} justify="space-between" wrap="nowrap">
          <Text size="sm">
            {i + 1}. {q.prompt}{" "}
            <Text span c="dimmed">
              ({t(`academyAdmin.quiz.kinds.${q.kind}`)})
            </Text>
          </Text>
          <Group gap={4} wrap="nowrap">
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() =>
                setEditing({
                  ...q,
                  accepted: q.kind === "short" ? q.correct.join("\n") : "",
                  choices: q.choices,
                })
              }
            >
              {t("academyAdmin.editor.editLesson")}
            </Button>
            <ActionIcon
              size="sm"
              variant="subtle"
              color="red"
              aria-label={`${t("academyAdmin.quiz.delete")} ${i + 1}`}
              onClick={() => remove.mutate(q.id)}
            >
              <IconTrash size={14} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
      ))}
      {editing ? (
        <QuestionForm
          courseId={props.courseId}
          lessonId={props.lessonId}
          draft={editing}
          onDone={() => setEditing(null)}
        />
      ) : (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => setEditing(blank())}
          w="fit-content"
        >
          {t("academyAdmin.quiz.add")}
        </Button>
      )}
    </Stack>
  );
}

function QuestionForm(props: { courseId: string; lessonId: string; draft: Draft; onDone: () => void }) {
  const { t } = useAcademyAdminText();
  const [d, setD] = useState<Draft>(props.draft);
  const save = useSaveQuestion(props.courseId, props.lessonId);
  const err = save.error instanceof ApiError ? save.error : undefined;
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const choiceRows = d.choices.map((c, i) => (
    <Group key={c.id} gap="xs" wrap="nowrap">
      {d.kind === "single" ? (
        <Radio
          aria-label={`${t("academyAdmin.quiz.correctChoice")} ${i + 1}`}
          checked={d.correct.includes(c.id)}
          onChange={() => set({ correct: [c.id] })}
        />
      ) : (
        <Checkbox
          aria-label={`${t("academyAdmin.quiz.correctChoice")} ${i + 1}`}
          checked={d.correct.includes(c.id)}
          onChange={(e) =>
            set({
              correct: e.currentTarget.checked ? [...d.correct, c.id] : d.correct.filter((x) => x !== c.id),
            })
          }
        />
      )}
      <TextInput
        aria-label={t("academyAdmin.quiz.choice", { n: i + 1 })}
        placeholder={t("academyAdmin.quiz.choice", { n: i + 1 })}
        value={c.text}
        onChange={(e) => {
          const text = e.currentTarget.value;
          set({ choices: d.choices.map((x) => (x.id === c.id ? { ...x, text } : x)) });
        }}
        style={{ flex: 1 }}
      />
    </Group>
  ));
  return (
    <Paper withBorder p="sm" radius="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const short = d.kind === "short";
          save.mutate(
            {
              ...(d.id && { id: d.id }),
              question: {
                kind: d.kind,
                prompt: d.prompt,
                choices: short ? [] : d.choices,
                correct: short
                  ? d.accepted
                      .split("\n")
                      .map((s) => s.trim())
                      .filter(Boolean)
                  : d.correct,
                explanation: d.explanation,
              },
            },
            { onSuccess: props.onDone },
          );
        }}
      >
        <Stack gap="xs">
          <Select
            label={t("academyAdmin.quiz.kind")}
            data={QUESTION_KINDS.map((k) => ({ value: k, label: t(`academyAdmin.quiz.kinds.${k}`) }))}
            value={d.kind}
            onChange={(v) => v && set({ kind: v as QuestionKindName, correct: [] })}
            allowDeselect={false}
          />
          <Textarea
            label={t("academyAdmin.quiz.prompt")}
            value={d.prompt}
            onChange={(e) => set({ prompt: e.currentTarget.value })}
            autosize
            required
            error={err?.field === "prompt" ? err.message : undefined}
          />
          {d.kind === "short" ? (
            <Textarea
              label={t("academyAdmin.quiz.accepted")}
              value={d.accepted}
              onChange={(e) => set({ accepted: e.currentTarget.value })}
              autosize
              minRows={2}
            />
          ) : (
            <>
              {choiceRows}
              <Button
                size="compact-xs"
                variant="subtle"
                w="fit-content"
                onClick={() => set({ choices: [...d.choices, { id: nextId(d.choices), text: "" }] })}
              >
                {t("academyAdmin.quiz.addChoice")}
              </Button>
            </>
          )}
          <Textarea
            label={t("academyAdmin.quiz.explanation")}
            value={d.explanation}
            onChange={(e) => set({ explanation: e.currentTarget.value })}
            autosize
          />
          {err && (
            <Text c="red" size="sm" role="alert">
              {err.field ? `${err.field}: ` : ""}
              {err.message}
            </Text>
          )}
          <Group>
            <Button type="submit" size="xs" loading={save.isPending}>
              {t("academyAdmin.quiz.save")}
            </Button>
            <Button size="xs" variant="default" onClick={props.onDone}>
              {t("academyAdmin.lesson.close")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
