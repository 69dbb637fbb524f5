import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import { ApiError } from "../../api/client.ts";
import { notifyDone } from "../escalations/notify.ts";
import { type Action, type ActionInput, createAction, updateAction, useActionsWrite } from "./actionsApi.ts";
import { useActionsText } from "./actionsText.ts";
import { emptyField, FieldsEditor, fromDraft, toDraft } from "./FieldsEditor.tsx";
import { ActionGlyph, ICON_NAMES } from "./icons.tsx";

// The roles an action may be given to (contracts/actions.ts ACTION_ROLES).
const RUN_ROLES = ["agent", "admin"] as const;

/** The approval rule as edited: which number field, and the amount above which a manager decides. */
function approvalOf(action: Action | null): { field: string; amount: string } {
  const a = action?.approvalAbove;
  if (a === null || a === undefined) return { field: "", amount: "" };
  if (typeof a === "number") {
    const first = action?.fields.find((f) => f.type === "number");
    return { field: first?.key ?? "", amount: String(a) };
  }
  return { field: a.field, amount: String(a.amount) };
}

/** Create or edit an action; a new action's signing secret is handed to onCreated, shown once. */
export function ActionEditor(props: {
  action: Action | null;
  opened: boolean;
  onClose: () => void;
  onCreated: (created: Action & { secret?: string }) => void;
}) {
  const { t } = useActionsText();
  const a = props.action;
  const [name, setName] = useState(a?.name ?? "");
  const [icon, setIcon] = useState(a?.icon ?? "bolt");
  const [url, setUrl] = useState(a?.url ?? "");
  const [roles, setRoles] = useState<string[]>(a?.roles ?? ["agent", "admin"]);
  const [fields, setFields] = useState(a ? a.fields.map(toDraft) : [emptyField()]);
  const [approval, setApproval] = useState(() => approvalOf(a));
  const save = useActionsWrite((input: ActionInput) => (a ? updateAction(a.id, input) : createAction(input)));
  const error = save.error;
  const errorOf = (path: string) =>
    error instanceof ApiError && (error.field === path || error.field?.startsWith(`${path}.`))
      ? error.message
      : undefined;
  const numberFields = fields.filter((f) => f.type === "number" && f.key.trim());

  const submit = () => {
    const input: ActionInput = {
      name: name.trim(),
      icon,
      url: url.trim(),
      fields: fields.map(fromDraft),
      roles,
    };
    if (approval.field && approval.amount !== "")
      input.approvalAbove = { field: approval.field, amount: Number(approval.amount) };
    else if (a) input.approvalAbove = null;
    save.mutate([input], {
      onSuccess: (saved) => {
        if (!a) props.onCreated(saved as Action & { secret?: string });
        else notifyDone(t, t("actions.admin.saved"));
        props.onClose();
      },
    });
  };
  const known = ["name", "icon", "url", "roles", "approvalAbove"];
  const general =
    error &&
    !(
      error instanceof ApiError &&
      error.field &&
      (known.some((k) => error.field?.startsWith(k)) || error.field.startsWith("fields"))
    )
      ? error.message
      : null;
  const fieldsGeneral = error instanceof ApiError && error.field === "fields" ? error.message : null;

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      size="xl"
      title={a ? t("actions.admin.editTitle", { name: a.name }) : t("actions.admin.newTitle")}
      closeButtonProps={{ "aria-label": t("actions.admin.cancel") }}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label={t("actions.admin.name")}
              required
              value={name}
              error={errorOf("name")}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Select
              label={t("actions.admin.icon")}
              data={ICON_NAMES.map((v) => ({ value: v, label: t(`actions.icons.${v}`) }))}
              value={icon}
              allowDeselect={false}
              leftSection={<ActionGlyph name={icon} />}
              renderOption={({ option }) => (
                <Group gap="xs">
                  <ActionGlyph name={option.value} />
                  {option.label}
                </Group>
              )}
              error={errorOf("icon")}
              onChange={(v) => setIcon(v ?? "bolt")}
            />
          </Group>
          <TextInput
            label={t("actions.admin.url")}
            description={t("actions.admin.urlHint")}
            required
            type="url"
            value={url}
            error={errorOf("url")}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
          <Checkbox.Group
            label={t("actions.admin.roles")}
            value={roles}
            onChange={setRoles}
            error={errorOf("roles")}
          >
            <Group gap="md" mt={4}>
              {RUN_ROLES.map((r) => (
                <Checkbox key={r} value={r} label={t(`actions.roles.${r}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Stack gap={4}>
            <Text fw={500} size="sm" component="h3" m={0}>
              {t("actions.admin.fields")}
            </Text>
            <Text size="xs" c="dimmed">
              {t("actions.admin.fieldsHint", { example: "{{fact.address}}", example2: "{{customer.name}}" })}
            </Text>
            <FieldsEditor fields={fields} onChange={setFields} errorOf={errorOf} />
            {fieldsGeneral && (
              <Text size="sm" c="red.8">
                {fieldsGeneral}
              </Text>
            )}
            <Group>
              <Button size="xs" variant="light" onClick={() => setFields([...fields, emptyField()])}>
                {t("actions.admin.addField")}
              </Button>
            </Group>
          </Stack>
          <Group grow align="flex-start">
            <Select
              label={t("actions.admin.approvalField")}
              data={[
                { value: "", label: t("actions.admin.approvalFieldNone") },
                ...numberFields.map((f) => ({ value: f.key.trim(), label: f.label.trim() || f.key.trim() })),
              ]}
              value={approval.field}
              allowDeselect={false}
              error={errorOf("approvalAbove")}
              onChange={(v) => setApproval((x) => ({ ...x, field: v ?? "" }))}
            />
            <NumberInput
              label={t("actions.admin.approvalAmount")}
              disabled={!approval.field}
              min={0}
              value={approval.amount}
              onChange={(v) => setApproval((x) => ({ ...x, amount: String(v) }))}
            />
          </Group>
          {general && (
            <Alert color="red" role="alert">
              {general}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("actions.admin.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("actions.admin.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
