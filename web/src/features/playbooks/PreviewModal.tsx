import { Alert, Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { type Definition, pickBranch } from "../../../../contracts/playbooks.ts";
import { usePlaybooksText } from "./playbooksText.ts";
import { StepContent } from "./StepContent.tsx";

/** Walks the draft as a customer would, without recording anything; checks branch on pasted JSON. */
export function PreviewModal(props: { definition: Definition; opened: boolean; onClose: () => void }) {
  const { t } = usePlaybooksText();
  const def = props.definition;
  const [at, setAt] = useState(def.start);
  const [sample, setSample] = useState('{"error_code": 1013}');
  const [bad, setBad] = useState(false);
  const step = def.steps.find((s) => s.id === at);
  const restart = () => setAt(def.start);

  return (
    <Modal
      opened={props.opened}
      onClose={() => {
        restart();
        props.onClose();
      }}
      title={t("playbooks.previewTitle", { name: def.name })}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      {step && (
        <Stack gap="md" data-testid="preview">
          <StepContent step={step} />
          {step.kind === "instruction" && (
            <Group>
              <Button onClick={() => setAt(step.next)}>{t("runs.doneCustomer")}</Button>
            </Group>
          )}
          {step.kind === "question" &&
            step.choices.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: choices and conditions are positional (the answer is the index)
              <Button key={i} variant="light" justify="flex-start" onClick={() => setAt(c.next)}>
                {c.label}
              </Button>
            ))}
          {step.kind === "check" && (
            <Stack gap="xs">
              <Text size="sm">{t("playbooks.previewCheckHint")}</Text>
              <Textarea
                label={t("playbooks.previewSample")}
                value={sample}
                onChange={(e) => setSample(e.currentTarget.value)}
                ff="monospace"
                autosize
                minRows={2}
                error={bad ? t("playbooks.previewBadJson") : undefined}
              />
              <Group>
                <Button
                  onClick={() => {
                    try {
                      const data = JSON.parse(sample) as unknown;
                      if (data === null || typeof data !== "object") throw new Error("not an object");
                      setBad(false);
                      setAt(pickBranch(step, data).next);
                    } catch {
                      setBad(true);
                    }
                  }}
                >
                  {t("playbooks.previewEvaluate")}
                </Button>
              </Group>
            </Stack>
          )}
          {step.kind === "outcome" && (
            <Alert color={step.outcome === "resolved" ? "teal" : "red"}>
              {t(`playbooks.outcomes.${step.outcome}`)}
            </Alert>
          )}
          <Group>
            <Button variant="subtle" onClick={restart}>
              {t("playbooks.previewRestart")}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
