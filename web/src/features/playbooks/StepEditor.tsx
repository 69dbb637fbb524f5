import { ActionIcon, Button, Group, Paper, Select, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { IconArrowUp, IconPlus, IconTrash, IconX } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { OUTCOMES, STEP_KINDS, type Step, type StepKind } from "../../../../contracts/playbooks.ts";
import { blankStep } from "./draft.ts";
import { usePlaybooksText } from "./playbooksText.ts";

type Props = {
  step: Step;
  index: number;
  stepIds: string[];
  problems: Map<string, string>;
  onChange: (step: Step) => void;
  onRemove: () => void;
  onMoveUp: (() => void) | null;
  /** An outcome step's "Recommended lesson" (academy-support, lazy), once the step is saved. */
  lessonSlot?: ReactNode;
};

/** One step's form: the fields its kind needs, next steps picked from the playbook's steps. */
export function StepEditor(props: Props) {
  const { t } = usePlaybooksText();
  const { step, index } = props;
  const err = (field: string) => props.problems.get(`steps.${index}.${field}`);
  const options = props.stepIds.filter((id) => id && id !== step.id).map((id) => ({ value: id, label: id }));
  const nextSelect = (label: string, value: string, field: string, set: (v: string) => void) => (
    <Select
      label={label}
      data={options}
      value={value || null}
      onChange={(v) => set(v ?? "")}
      error={err(field)}
      searchable
      allowDeselect={false}
    />
  );
  const set = (patch: Partial<Step>) => props.onChange({ ...step, ...patch } as Step);

  return (
    <Paper withBorder radius="md" p="md" data-testid={`step-${index}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h6">
            {t("playbooks.stepN", { n: index + 1 })} · {step.id || "…"}
          </Title>
          <Group gap={4}>
            {props.onMoveUp && (
              <ActionIcon variant="subtle" onClick={props.onMoveUp} aria-label={t("playbooks.moveUp")}>
                <IconArrowUp size={16} aria-hidden />
              </ActionIcon>
            )}
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={props.onRemove}
              aria-label={t("playbooks.removeStep")}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label={t("playbooks.stepId")}
            value={step.id}
            onChange={(e) => set({ id: e.currentTarget.value })}
            error={err("id")}
          />
          <Select
            label={t("playbooks.kind")}
            data={STEP_KINDS.map((k) => ({ value: k, label: t(`playbooks.kinds.${k}`) }))}
            value={step.kind}
            allowDeselect={false}
            onChange={(k) => k && k !== step.kind && props.onChange(blankStep(k as StepKind, step))}
          />
        </Group>
        <TextInput
          label={t("playbooks.stepTitle")}
          value={step.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
          error={err("title")}
        />
        <Textarea
          label={t("playbooks.stepBody")}
          value={step.body ?? ""}
          autosize
          minRows={2}
          onChange={(e) => set({ body: e.currentTarget.value || undefined })}
          error={err("body")}
        />
        {step.kind === "instruction" && (
          <>
            <Textarea
              label={t("playbooks.images")}
              value={(step.images ?? []).join("\n")}
              autosize
              minRows={1}
              onChange={(e) => {
                const images = e.currentTarget.value.split("\n").filter((l) => l.trim() !== "");
                set({ images: images.length > 0 ? images : undefined } as Partial<Step>);
              }}
              error={[...props.problems].find(([k]) => k.startsWith(`steps.${index}.images`))?.[1]}
            />
            {nextSelect(t("playbooks.next"), step.next, "next", (next) => set({ next } as Partial<Step>))}
          </>
        )}
        {step.kind === "question" && (
          <Stack gap="xs">
            {step.choices.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: choices and conditions are positional (the answer is the index)
              <Group key={i} align="flex-end" wrap="nowrap" gap="xs">
                <TextInput
                  style={{ flex: 1 }}
                  label={t("playbooks.choiceLabel", { n: i + 1 })}
                  value={c.label}
                  onChange={(e) => {
                    const choices = step.choices.map((x, j) =>
                      j === i ? { ...x, label: e.currentTarget.value } : x,
                    );
                    set({ choices } as Partial<Step>);
                  }}
                  error={err(`choices.${i}.label`)}
                />
                <div style={{ flex: 1 }}>
                  {nextSelect(t("playbooks.next"), c.next, `choices.${i}.next`, (next) => {
                    const choices = step.choices.map((x, j) => (j === i ? { ...x, next } : x));
                    set({ choices } as Partial<Step>);
                  })}
                </div>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mb={4}
                  disabled={step.choices.length <= 1}
                  onClick={() => set({ choices: step.choices.filter((_, j) => j !== i) } as Partial<Step>)}
                  aria-label={t("playbooks.removeChoice", { n: i + 1 })}
                >
                  <IconX size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                size="compact-sm"
                variant="subtle"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => set({ choices: [...step.choices, { label: "", next: "" }] } as Partial<Step>)}
              >
                {t("playbooks.addChoice")}
              </Button>
            </Group>
          </Stack>
        )}
        {step.kind === "check" && (
          <Stack gap="xs">
            {step.branches.map((b, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: choices and conditions are positional (the answer is the index)
              <Group key={i} align="flex-start" wrap="nowrap" gap="xs">
                <TextInput
                  style={{ flex: 1 }}
                  label={t("playbooks.condition", { n: i + 1 })}
                  description={i === 0 ? t("playbooks.conditionHint") : undefined}
                  value={b.when}
                  ff="monospace"
                  onChange={(e) => {
                    const branches = step.branches.map((x, j) =>
                      j === i ? { ...x, when: e.currentTarget.value } : x,
                    );
                    set({ branches } as Partial<Step>);
                  }}
                  error={err(`branches.${i}.when`)}
                />
                <div style={{ flex: 1 }}>
                  {nextSelect(t("playbooks.next"), b.next, `branches.${i}.next`, (next) => {
                    const branches = step.branches.map((x, j) => (j === i ? { ...x, next } : x));
                    set({ branches } as Partial<Step>);
                  })}
                </div>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={i === 0 ? 48 : 28}
                  onClick={() => set({ branches: step.branches.filter((_, j) => j !== i) } as Partial<Step>)}
                  aria-label={t("playbooks.removeBranch", { n: i + 1 })}
                >
                  <IconX size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                size="compact-sm"
                variant="subtle"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => set({ branches: [...step.branches, { when: "", next: "" }] } as Partial<Step>)}
              >
                {t("playbooks.addBranch")}
              </Button>
            </Group>
            {nextSelect(t("playbooks.otherwise"), step.otherwise, "otherwise", (otherwise) =>
              set({ otherwise } as Partial<Step>),
            )}
          </Stack>
        )}
        {step.kind === "outcome" && (
          <Group grow align="flex-start">
            <Select
              label={t("playbooks.outcome")}
              data={OUTCOMES.map((o) => ({ value: o, label: t(`playbooks.outcomes.${o}`) }))}
              value={step.outcome}
              allowDeselect={false}
              onChange={(o) => o && set({ outcome: o } as Partial<Step>)}
            />
            {step.outcome === "known_problem" && (
              <TextInput
                label={t("playbooks.knownProblem")}
                value={step.knownProblem ?? ""}
                onChange={(e) => set({ knownProblem: e.currentTarget.value || undefined } as Partial<Step>)}
                error={err("knownProblem")}
              />
            )}
          </Group>
        )}
        {step.kind === "outcome" && props.lessonSlot}
      </Stack>
    </Paper>
  );
}
