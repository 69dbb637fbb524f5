import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  NumberInput,
  Select,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useRef, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { type Action, type ActionRun, type FormField, runAction, useActionForm } from "./actionsApi.ts";
import { useActionsText } from "./actionsText.ts";
import { SubmissionKeys } from "./idempotency.ts";

type Values = Record<string, string | boolean>;
const UNFILLED = /\{\{[^}]*\}\}/;

/** What is missing for a field: the server's list, or a placeholder it left in the value. */
function missingOf(f: FormField): string[] {
  if (Array.isArray(f.missing) && f.missing.length > 0) return f.missing;
  const raw = f.value ?? f.default;
  const leftOver = typeof raw === "string" ? raw.match(/\{\{\s*([^}]+?)\s*\}\}/g) : null;
  if (leftOver) return leftOver.map((m) => m.replace(/[{}\s]/g, ""));
  return f.missing === true ? [f.key] : [];
}

function initial(fields: FormField[]): Values {
  const values: Values = {};
  for (const f of fields) {
    const raw = f.value ?? f.default;
    if (f.type === "boolean") values[f.key] = raw === true || raw === "true";
    // A placeholder with no value on file is an empty field to fill, never sent as "{{…}}".
    else values[f.key] = raw === undefined || raw === null || UNFILLED.test(String(raw)) ? "" : String(raw);
  }
  return values;
}

function toInput(fields: FormField[], values: Values): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (f.type === "boolean") input[f.key] = v === true;
    else if (v === "" || v === undefined) continue;
    else if (f.type === "number") input[f.key] = Number(v);
    else input[f.key] = v;
  }
  return input;
}

/** The form of one action for one case, prefilled from the server's defaults for the case. */
export function ActionFormModal(props: {
  caseId: string;
  action: Action | null;
  onClose: () => void;
  onRun: (run: ActionRun) => void;
}) {
  const { t } = useActionsText();
  const form = useActionForm(props.caseId, props.action?.id ?? null);
  return (
    <Modal
      opened={props.action !== null}
      onClose={props.onClose}
      title={props.action ? t("actions.form.title", { name: props.action.name }) : ""}
      closeButtonProps={{ "aria-label": t("actions.form.cancel") }}
    >
      {form.isPending ? (
        <Loader size="sm" aria-label={t("common.loading")} />
      ) : form.error ? (
        <Alert color="red">{t("actions.loadError", { message: form.error.message })}</Alert>
      ) : props.action && form.data ? (
        <Fields
          key={props.action.id}
          caseId={props.caseId}
          action={props.action}
          fields={form.data.fields}
          onClose={props.onClose}
          onRun={props.onRun}
        />
      ) : null}
    </Modal>
  );
}

function Fields(props: {
  caseId: string;
  action: Action;
  fields: FormField[];
  onClose: () => void;
  onRun: (run: ActionRun) => void;
}) {
  const { t } = useActionsText();
  const [values, setValues] = useState<Values>(() => initial(props.fields));
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [sending, setSending] = useState(false);
  const keys = useRef(new SubmissionKeys());
  const busy = useRef(false);
  const set = (key: string, value: string | boolean) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async () => {
    // A second click while the first is on its way adds nothing (a ref: state lags a tick).
    if (busy.current) return;
    busy.current = true;
    const input = toInput(props.fields, values);
    setSending(true);
    setError(null);
    try {
      const run = await runAction(props.caseId, props.action.id, input, keys.current.keyFor(input));
      props.onRun(run);
      props.onClose();
    } catch (e) {
      setError(e as Error);
    } finally {
      busy.current = false;
      setSending(false);
    }
  };
  const fieldError = (key: string) =>
    error instanceof ApiError && (error.field === `input.${key}` || error.field === key)
      ? error.message
      : undefined;
  const general =
    error && !(error instanceof ApiError && error.field?.startsWith("input.")) ? error.message : null;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Stack gap="sm">
        {props.fields.map((f) => {
          const label = f.label || f.key;
          const missing = missingOf(f);
          const description =
            missing.length > 0 ? t("actions.form.missing", { what: missing.join(", ") }) : undefined;
          const common = { label, required: f.required, description, error: fieldError(f.key) };
          const value = values[f.key];
          if (f.type === "boolean")
            return (
              <Checkbox
                key={f.key}
                label={label}
                description={description}
                error={fieldError(f.key)}
                checked={value === true}
                onChange={(e) => set(f.key, e.currentTarget.checked)}
              />
            );
          if (f.type === "textarea")
            return (
              <Textarea
                key={f.key}
                {...common}
                autosize
                minRows={2}
                value={String(value ?? "")}
                onChange={(e) => set(f.key, e.currentTarget.value)}
              />
            );
          if (f.type === "number")
            return (
              <NumberInput
                key={f.key}
                {...common}
                value={String(value ?? "")}
                onChange={(v) => set(f.key, String(v))}
              />
            );
          if (f.type === "select")
            return (
              <Select
                key={f.key}
                {...common}
                data={f.options ?? []}
                value={value ? String(value) : null}
                onChange={(v) => set(f.key, v ?? "")}
              />
            );
          return (
            <TextInput
              key={f.key}
              {...common}
              type={f.type === "date" ? "date" : "text"}
              value={String(value ?? "")}
              onChange={(e) => set(f.key, e.currentTarget.value)}
            />
          );
        })}
        {general && (
          <Alert color="red" role="alert">
            {t("actions.panel.failed", { error: general })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("actions.form.cancel")}
          </Button>
          <Button type="submit" loading={sending}>
            {t("actions.form.submit", { name: props.action.name })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
