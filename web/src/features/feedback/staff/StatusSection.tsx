import { Button, Group, Modal, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { DECLINE_EXPLANATION_MIN, type IdeaDetail } from "../../../../../contracts/feedback.ts";
import { notifyDone } from "../../escalations/notify.ts";
import { fieldError, useStatusLabel } from "./common.tsx";
import { patchIdea, STATUSES, useFeedbackWrite } from "./feedbackApi.ts";
import { useFeedbackStaffText } from "./feedbackStaffText.ts";

type Settable = Exclude<IdeaDetail["status"], "duplicate">;

/**
 * The status of an idea and how to change it. Declining goes through its own dialog: the
 * explanation is required (at least 30 characters, the same rule the API and the database
 * enforce) and is what every subscriber will read, so the dialog asks for it, says the rule,
 * counts, and shows the server's own 422 message if it still refuses.
 */
export function StatusSection(props: { idea: IdeaDetail }) {
  const { t } = useFeedbackStaffText();
  const label = useStatusLabel();
  const [status, setStatus] = useState<Settable | null>(null);
  const [explanation, setExplanation] = useState("");
  const [declining, setDeclining] = useState(false);
  const change = useFeedbackWrite(patchIdea);
  // Merging is the only way to "duplicate"; the API refuses it here (422 status).
  const options = STATUSES.filter((s): s is Settable => s !== "duplicate");
  const chosen = status ?? (props.idea.status === "duplicate" ? null : props.idea.status);
  const unchanged = chosen === props.idea.status && explanation.trim() === "";

  const submit = () => {
    if (!chosen) return;
    if (chosen === "declined") {
      change.reset();
      setDeclining(true);
      return;
    }
    change.mutate(
      {
        id: props.idea.id,
        status: chosen,
        ...(explanation.trim() ? { explanation: explanation.trim() } : {}),
      },
      {
        onSuccess: () => {
          setExplanation("");
          setStatus(null);
          notifyDone(t, t("feedbackStaff.statusChange.changed"));
        },
      },
    );
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby="idea-status-heading">
      <Title order={3} size="h6" id="idea-status-heading">
        {t("feedbackStaff.statusChange.title")}
      </Title>
      <Group align="end" gap="sm" wrap="wrap">
        <Select
          label={t("feedbackStaff.statusChange.newStatus")}
          data={options.map((s) => ({ value: s, label: label(s) }))}
          value={chosen}
          onChange={(v) => setStatus(v as Settable | null)}
          allowDeselect={false}
          w={200}
        />
        <Button onClick={submit} loading={change.isPending && !declining} disabled={!chosen || unchanged}>
          {t("feedbackStaff.statusChange.save")}
        </Button>
      </Group>
      {chosen !== "declined" && (
        <Textarea
          label={t("feedbackStaff.statusChange.explanation")}
          description={t("feedbackStaff.statusChange.explanationHint")}
          value={explanation}
          onChange={(e) => setExplanation(e.currentTarget.value)}
          autosize
          minRows={2}
          error={
            declining
              ? undefined
              : (fieldError(change.error, "explanation") ?? fieldError(change.error, "status"))
          }
        />
      )}
      {change.error && !declining && !fieldError(change.error, "explanation") && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {change.error.message}
        </Text>
      )}
      <DeclineDialog
        opened={declining}
        initial={explanation}
        pending={change.isPending}
        error={change.error}
        onCancel={() => setDeclining(false)}
        onConfirm={(text) =>
          change.mutate(
            { id: props.idea.id, status: "declined", explanation: text },
            {
              onSuccess: () => {
                setDeclining(false);
                setExplanation("");
                setStatus(null);
                notifyDone(t, t("feedbackStaff.decline.declined"));
              },
            },
          )
        }
      />
    </Stack>
  );
}

function DeclineDialog(props: {
  opened: boolean;
  initial: string;
  pending: boolean;
  error: Error | null;
  onCancel: () => void;
  onConfirm: (explanation: string) => void;
}) {
  const { t } = useFeedbackStaffText();
  const [text, setText] = useState(props.initial);
  const [tried, setTried] = useState(false);
  const count = text.trim().length;
  const short = count < DECLINE_EXPLANATION_MIN;
  const serverSays = fieldError(props.error, "explanation");
  const error =
    (tried && short
      ? t("feedbackStaff.decline.tooShort", { min: DECLINE_EXPLANATION_MIN, count })
      : undefined) ?? serverSays;

  return (
    <Modal
      opened={props.opened}
      onClose={props.onCancel}
      title={t("feedbackStaff.decline.title")}
      closeButtonProps={{ "aria-label": t("common.close") }}
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          // Said here at once; the server keeps the same rule whatever the client does.
          if (!short) props.onConfirm(text.trim());
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t("feedbackStaff.decline.intro")}</Text>
          <Textarea
            label={t("feedbackStaff.decline.explanation")}
            description={t("feedbackStaff.decline.rule", { min: DECLINE_EXPLANATION_MIN })}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={4}
            required
            data-autofocus
            error={error}
          />
          <Text size="xs" c={short ? "dimmed" : "teal"} aria-live="polite">
            {t("feedbackStaff.decline.count", { count, min: DECLINE_EXPLANATION_MIN })}
          </Text>
          {props.error && !serverSays && (
            <Text size="sm" c="var(--mantine-color-error)" role="alert">
              {props.error.message}
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onCancel}>
              {t("feedbackStaff.decline.cancel")}
            </Button>
            <Button type="submit" color="red" loading={props.pending}>
              {t("feedbackStaff.decline.confirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
