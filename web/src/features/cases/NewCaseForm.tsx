import { Button, Group, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { PRIORITIES } from "../../../../contracts/cases.ts";
import { CHANNELS } from "../../../../contracts/customers.ts";
import { ApiError } from "../../api/client.ts";
import { createCase, type NewCaseInput } from "./casesApi.ts";

type Channel = NonNullable<NewCaseInput["channel"]>;
type Priority = NonNullable<NewCaseInput["priority"]>;

/** Subject, first message, channel: opens a case for a known customer and goes to it. */
export function NewCaseForm(props: {
  /** Null until picked, when the form offers a customer picker (`customerField`). */
  customerId: string | null;
  customerField?: (error: string | undefined) => React.ReactNode;
  withPriority?: boolean;
  defaultChannel?: Channel;
  defaultSubject?: string;
  onCancel: () => void;
  onCreated?: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState(props.defaultSubject ?? "");
  const [message, setMessage] = useState("");
  const [channel, setChannel] = useState<Channel>(props.defaultChannel ?? "email");
  const [priority, setPriority] = useState<Priority>("normal");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const missing: Record<string, string> = {};
    if (!subject.trim()) missing.subject = t("customers.required");
    if (!message.trim()) missing.message = t("customers.required");
    if (!props.customerId) missing.customerId = t("customers.required");
    setErrors(missing);
    if (Object.keys(missing).length || !props.customerId) return;
    setBusy(true);
    try {
      const created = await createCase({
        customerId: props.customerId,
        subject,
        message,
        channel,
        ...(props.withPriority ? { priority } : {}),
      });
      void queryClient.invalidateQueries({ queryKey: ["cases"] });
      void queryClient.invalidateQueries({ queryKey: ["customer", props.customerId] });
      notifications.show({
        closeButtonProps: { "aria-label": t("common.close") },
        message: t("cases.newCase.created", { number: created.number }),
        color: "teal",
      });
      props.onCreated?.();
      navigate(`/app/cases/${created.id}`);
    } catch (err) {
      const field = err instanceof ApiError && err.field ? err.field : "message";
      setErrors({ [field]: err instanceof ApiError ? err.message : t("common.genericError") });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack>
        {props.customerField?.(errors.customerId)}
        <TextInput
          label={t("cases.newCase.subject")}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          error={errors.subject}
          required
          data-autofocus
        />
        <Textarea
          label={t("cases.newCase.message")}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          error={errors.message}
          autosize
          minRows={3}
          required
        />
        <Select
          label={t("cases.newCase.channel")}
          data={CHANNELS.map((c) => ({ value: c, label: t(`cases.channels.${c}`) }))}
          value={channel}
          onChange={(v) => setChannel((v as Channel | null) ?? "email")}
          allowDeselect={false}
          comboboxProps={{ withinPortal: false }}
        />
        {props.withPriority && (
          <Select
            label={t("cases.priority")}
            data={PRIORITIES.map((p) => ({ value: p, label: t(`cases.priorities.${p}`) }))}
            value={priority}
            onChange={(v) => setPriority((v as Priority | null) ?? "normal")}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={busy}>
            {t("cases.newCase.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
