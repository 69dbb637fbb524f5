import { ActionIcon, Checkbox, Fieldset, Group, Select, Stack, TextInput } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { type ActionField, FIELD_TYPES, type FieldType } from "./actionsApi.ts";
import { useActionsText } from "./actionsText.ts";

/** A field as edited: the default as typed (a number field's default may be a placeholder too). */
export type DraftField = {
  key: string;
  label: string;
  type: FieldType;
  options: string;
  default: string;
  required: boolean;
};

export const toDraft = (f: ActionField): DraftField => ({
  key: f.key,
  label: f.label ?? "",
  type: f.type,
  options: (f.options ?? []).join(", "),
  default: f.default === undefined || f.default === null ? "" : String(f.default),
  required: f.required === true,
});

export function fromDraft(d: DraftField): ActionField {
  const field: ActionField = { key: d.key.trim(), type: d.type, required: d.required };
  if (d.label.trim()) field.label = d.label.trim();
  if (d.type === "select")
    field.options = d.options
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean);
  const def = d.default.trim();
  if (def) field.default = d.type === "number" && /^-?\d+(\.\d+)?$/.test(def) ? Number(def) : def;
  return field;
}

export const emptyField = (): DraftField => ({
  key: "",
  label: "",
  type: "text",
  options: "",
  default: "",
  required: false,
});

/** The action's input form, one fieldset per field; errors come back named `fields.<n>.<part>`. */
export function FieldsEditor(props: {
  fields: DraftField[];
  onChange: (fields: DraftField[]) => void;
  errorOf: (path: string) => string | undefined;
}) {
  const { t } = useActionsText();
  const set = (i: number, patch: Partial<DraftField>) =>
    props.onChange(props.fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <Stack gap="xs">
      {props.fields.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved; keys are edited
        <Fieldset key={i} legend={t("actions.admin.fieldN", { n: i + 1 })} p="xs">
          <Group align="flex-start" gap="xs" grow preventGrowOverflow={false}>
            <TextInput
              label={t("actions.admin.key")}
              value={f.key}
              required
              error={props.errorOf(`fields.${i}.key`)}
              onChange={(e) => set(i, { key: e.currentTarget.value })}
            />
            <TextInput
              label={t("actions.admin.label")}
              value={f.label}
              onChange={(e) => set(i, { label: e.currentTarget.value })}
            />
            <Select
              label={t("actions.admin.type")}
              data={FIELD_TYPES.map((v) => ({ value: v, label: t(`actions.types.${v}`) }))}
              value={f.type}
              allowDeselect={false}
              onChange={(v) => set(i, { type: (v ?? "text") as FieldType })}
            />
          </Group>
          <Group align="flex-end" gap="xs" mt="xs">
            <TextInput
              style={{ flex: 1 }}
              label={t("actions.admin.default")}
              value={f.default}
              error={props.errorOf(`fields.${i}.default`)}
              onChange={(e) => set(i, { default: e.currentTarget.value })}
            />
            {f.type === "select" && (
              <TextInput
                style={{ flex: 1 }}
                label={t("actions.admin.options")}
                value={f.options}
                error={props.errorOf(`fields.${i}.options`)}
                onChange={(e) => set(i, { options: e.currentTarget.value })}
              />
            )}
            <Checkbox
              mb={8}
              label={t("actions.admin.required")}
              checked={f.required}
              onChange={(e) => set(i, { required: e.currentTarget.checked })}
            />
            <ActionIcon
              mb={4}
              variant="subtle"
              color="red"
              aria-label={t("actions.admin.removeField", { n: i + 1 })}
              onClick={() => props.onChange(props.fields.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Fieldset>
      ))}
    </Stack>
  );
}
