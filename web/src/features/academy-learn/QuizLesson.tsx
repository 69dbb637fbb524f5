import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import type {
  AttemptResult,
  AttemptStarted,
  LearnLesson,
  LearnQuestion,
} from "../../../../contracts/academy-learning.ts";
import { useStartAttempt, useSubmitAttempt } from "./academyLearnApi.ts";
import { useAcademyText } from "./academyLearnText.ts";

type Answers = Record<string, string[] | string>;

function QuestionField(props: {
  q: LearnQuestion;
  n: number;
  total: number;
  value: string[] | string | undefined;
  onChange: (v: string[] | string) => void;
}) {
  const { t } = useAcademyText();
  const { q } = props;
  const label = (
    <>
      <Text size="sm" c="dimmed" component="span" display="block">
        {t("academyLearn.quiz.question", { n: props.n, total: props.total })}
      </Text>
      <Text fw={600} component="span">
        {q.prompt}
      </Text>
    </>
  );
  if (q.kind === "short") {
    return (
      <Stack gap={4}>
        {label}
        <TextInput
          label={t("academyLearn.quiz.shortLabel")}
          value={typeof props.value === "string" ? props.value : ""}
          onChange={(e) => props.onChange(e.currentTarget.value)}
          maxLength={2000}
        />
      </Stack>
    );
  }
  if (q.kind === "single") {
    return (
      <Radio.Group
        label={label}
        value={Array.isArray(props.value) ? (props.value[0] ?? null) : null}
        onChange={(v) => props.onChange([v])}
      >
        <Stack gap="xs" mt="xs">
          {q.choices.map((c) => (
            <Radio key={c.id} value={c.id} label={c.text} />
          ))}
        </Stack>
      </Radio.Group>
    );
  }
  return (
    <Checkbox.Group
      label={label}
      description={t("academyLearn.quiz.multipleHint")}
      value={Array.isArray(props.value) ? props.value : []}
      onChange={props.onChange}
    >
      <Stack gap="xs" mt="xs">
        {q.choices.map((c) => (
          <Checkbox key={c.id} value={c.id} label={c.text} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

function Results(props: { result: AttemptResult }) {
  const { t } = useAcademyText();
  const r = props.result;
  const words = (q: AttemptResult["questions"][number], ids: string[]) =>
    q.kind === "short"
      ? ids.join(" / ")
      : ids.map((id) => q.choices.find((c) => c.id === id)?.text ?? id).join(", ");
  return (
    <Stack gap="md">
      <Alert
        color={r.passed ? "teal" : "blue"}
        role="status"
        title={r.passed ? t("academyLearn.quiz.passed") : t("academyLearn.quiz.failed")}
      >
        {t("academyLearn.quiz.score", { score: r.scorePercent, pass: r.passPercent })}{" "}
        {r.attemptsLeft !== null &&
          !r.passed &&
          t("academyLearn.quiz.attemptsLeft", { count: r.attemptsLeft })}
      </Alert>
      {r.courseCompleted && (
        <Alert color="teal" role="status">
          <Stack gap={4}>
            <Text>{t("academyLearn.courseComplete")}</Text>
            <Anchor component={Link} to="/portal/academy">
              {t("academyLearn.certificates.title")}
            </Anchor>
          </Stack>
        </Alert>
      )}
      {r.questions.map((q, i) => (
        <Paper key={q.id} withBorder radius="md" p="md">
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text fw={600}>
                {i + 1}. {q.prompt}
              </Text>
              <Badge color={q.correct ? "teal" : "red"} variant="light">
                {q.correct ? t("academyLearn.quiz.right") : t("academyLearn.quiz.wrong")}
              </Badge>
            </Group>
            <Text size="sm">
              {t("academyLearn.quiz.yourAnswer", {
                answer: q.answer.length ? words(q, q.answer) : t("academyLearn.quiz.noAnswer"),
              })}
            </Text>
            {!q.correct && (
              <Text size="sm">{t("academyLearn.quiz.rightAnswer", { answer: words(q, q.rightAnswer) })}</Text>
            )}
            {q.explanation && (
              <Text size="sm" c="dimmed">
                <strong>{t("academyLearn.quiz.explanation")}:</strong> {q.explanation}
              </Text>
            )}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/** A quiz: start an attempt, answer, submit; the server grades and only then explains. */
export function QuizLesson(props: { lesson: LearnLesson }) {
  const { t } = useAcademyText();
  const quiz = props.lesson.quiz;
  const start = useStartAttempt(props.lesson.id);
  const submit = useSubmitAttempt(props.lesson.id);
  const [attempt, setAttempt] = useState<AttemptStarted | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [result, setResult] = useState<AttemptResult | null>(null);
  if (!quiz) return null;
  const used = result ? result.attemptNumber : quiz.attemptsUsed;
  const noneLeft = quiz.attemptLimit !== null && used >= quiz.attemptLimit && !attempt;

  const begin = () => {
    setResult(null);
    setAnswers({});
    start.mutate(undefined, { onSuccess: setAttempt });
  };
  const send = (e: React.FormEvent) => {
    e.preventDefault();
    if (!attempt) return;
    submit.mutate(
      { attemptId: attempt.id, answers },
      {
        onSuccess: (r) => {
          setResult(r);
          setAttempt(null);
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Text>
        {t("academyLearn.quiz.summary", { count: quiz.questionCount, pass: quiz.passPercent })}{" "}
        {quiz.attemptLimit !== null
          ? t("academyLearn.quiz.attempts", { used, limit: quiz.attemptLimit })
          : t("academyLearn.quiz.attemptsUnlimited", { used })}
      </Text>
      {(quiz.passed || result?.passed) && !attempt && (
        <Alert color="teal" role="status">
          {t("academyLearn.quiz.passedAlready")}
        </Alert>
      )}
      {result && <Results result={result} />}
      {attempt ? (
        <form onSubmit={send}>
          <Stack gap="lg">
            <Title order={2} size="h4">
              {props.lesson.title}
            </Title>
            {attempt.questions.map((q, i) => (
              <Paper key={q.id} withBorder radius="md" p="md">
                <QuestionField
                  q={q}
                  n={i + 1}
                  total={attempt.questions.length}
                  value={answers[q.id]}
                  onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}
                />
              </Paper>
            ))}
            {submit.error && (
              <Alert color="red" role="alert">
                {submit.error.message}
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={submit.isPending}>
                {t("academyLearn.quiz.submit")}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : noneLeft || (result && result.attemptsLeft === 0) ? (
        !(quiz.passed || result?.passed) && <Text c="dimmed">{t("academyLearn.quiz.noAttemptsLeft")}</Text>
      ) : (
        <Group>
          <Button
            onClick={begin}
            loading={start.isPending}
            variant={result || quiz.attemptsUsed ? "light" : "filled"}
          >
            {result || quiz.attemptsUsed ? t("academyLearn.quiz.retry") : t("academyLearn.quiz.start")}
          </Button>
        </Group>
      )}
      {start.error && (
        <Alert color="red" role="alert">
          {start.error.message}
        </Alert>
      )}
    </Stack>
  );
}
