import {
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import type { ProactiveMessage } from "../../../../contracts/widget.ts";
import { ApiError } from "../../api/client.ts";
import { EditorFooter, EditorModal } from "../../ui/AdminList.tsx";
import { useOpenProblems, useSaveProactive } from "./chatApi.ts";
import { useChatText } from "./chatText.ts";

type Audience = ProactiveMessage["audience"];
const FIELDS = [
  "name",
  "body",
  "trigger",
  "urlPattern",
  "eventName",
  "delaySeconds",
  "audience",
  "problemId",
];

/** Creates or changes a proactive message; the server's refusal lands on the field it names. */
export function ProactiveForm(props: {
  message: ProactiveMessage | null;
  onClose: (saved?: "created" | "saved") => void;
}) {
  const { t } = useChatText();
  const m = props.message;
  const save = useSaveProactive();
  const [name, setName] = useState(m?.name ?? "");
  const [body, setBody] = useState(m?.body ?? "");
  const [trigger, setTrigger] = useState<"page" | "event">(m?.trigger ?? "page");
  const [urlPattern, setUrlPattern] = useState(m?.urlPattern ?? "");
  const [eventName, setEventName] = useState(m?.eventName ?? "");
  const [delay, setDelay] = useState<number | string>(m?.delaySeconds ?? 0);
  const [audience, setAudience] = useState<Audience>(m?.audience ?? "everyone");
  const [problemId, setProblemId] = useState<string | null>(m?.problemId ?? null);
  const [enabled, setEnabled] = useState(m?.enabled ?? true);
  const problems = useOpenProblems(audience === "affected");
  const error = save.error instanceof ApiError ? save.error : null;
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        id: m?.id ?? null,
        body: {
          name,
          body,
          trigger,
          urlPattern: trigger === "page" ? urlPattern.trim() || null : null,
          eventName: trigger === "event" ? eventName.trim() || null : null,
          delaySeconds: Number(delay) || 0,
          audience,
          problemId: audience === "affected" ? problemId : null,
          enabled,
        },
      },
      { onSuccess: () => props.onClose(m ? "saved" : "created") },
    );
  };

  return (
    <EditorModal
      title={m ? t("chat.proactive.editTitle", { name: m.name }) : t("chat.proactive.newTitle")}
      closeLabel={t("chat.proactive.cancel")}
      onClose={() => props.onClose()}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t("chat.proactive.name")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            maxLength={200}
            error={fieldError("name")}
          />
          <Textarea
            label={t("chat.proactive.body")}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            required
            maxLength={1000}
            autosize
            minRows={2}
            error={fieldError("body")}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="proactive-trigger-label">
              {t("chat.proactive.trigger")}
            </Text>
            <SegmentedControl
              aria-labelledby="proactive-trigger-label"
              value={trigger}
              onChange={(v) => setTrigger(v as "page" | "event")}
              data={[
                { value: "page", label: t("chat.proactive.triggers.page") },
                { value: "event", label: t("chat.proactive.triggers.event") },
              ]}
            />
          </Stack>
          {trigger === "page" ? (
            <TextInput
              label={t("chat.proactive.urlPattern")}
              description={t("chat.proactive.urlPatternHint")}
              value={urlPattern}
              onChange={(e) => setUrlPattern(e.currentTarget.value)}
              required
              ff="monospace"
              error={fieldError("urlPattern")}
            />
          ) : (
            <TextInput
              label={t("chat.proactive.eventName")}
              description={t("chat.proactive.eventNameHint", { example: eventName || "checkout.failed" })}
              value={eventName}
              onChange={(e) => setEventName(e.currentTarget.value)}
              required
              ff="monospace"
              error={fieldError("eventName")}
            />
          )}
          <NumberInput
            label={t("chat.proactive.delay")}
            min={0}
            max={3600}
            value={delay}
            onChange={setDelay}
            error={fieldError("delaySeconds")}
          />
          <Select
            label={t("chat.proactive.audience")}
            value={audience}
            onChange={(v) => setAudience((v ?? "everyone") as Audience)}
            allowDeselect={false}
            data={(["everyone", "verified", "affected"] as const).map((a) => ({
              value: a,
              label: t(`chat.proactive.audiences.${a}`),
            }))}
            error={fieldError("audience")}
          />
          {audience === "affected" && (
            <Select
              label={t("chat.proactive.problem")}
              value={problemId}
              onChange={setProblemId}
              searchable
              required
              data={(problems.data?.items ?? []).map((p) => ({
                value: p.id,
                label: `#${p.number} ${p.title}`,
              }))}
              error={fieldError("problemId")}
            />
          )}
          <Switch
            label={t("chat.proactive.enabled")}
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          <EditorFooter
            error={error && !FIELDS.includes(error.field ?? "") ? error.message : null}
            cancel={t("chat.proactive.cancel")}
            onCancel={() => props.onClose()}
            submit={t("chat.proactive.save")}
            busy={save.isPending}
          />
        </Stack>
      </form>
    </EditorModal>
  );
}
