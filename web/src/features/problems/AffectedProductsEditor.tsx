import { ActionIcon, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { FIRMWARE_RANGE } from "../../../../contracts/problems.ts";
import { useProblemsText } from "./problemsText.ts";

export type ProductRow = { key: number; model: string; firmware: string };

let nextKey = 1;
export const productRow = (model = "", firmware = ""): ProductRow => ({ key: nextKey++, model, firmware });

/** Rows as the API takes them: empty rows dropped, an empty range means every version. */
export function toAffectedProducts(rows: ProductRow[]) {
  return rows
    .filter((r) => r.model.trim())
    .map((r) =>
      r.firmware.trim() ? { model: r.model.trim(), firmware: r.firmware.trim() } : { model: r.model.trim() },
    );
}

export const firmwareValid = (value: string) => !value.trim() || FIRMWARE_RANGE.test(value);

/**
 * Affected products: one row per model with an optional firmware range. `errors` holds
 * server errors by field ("affectedProducts.0.firmware").
 */
export function AffectedProductsEditor(props: {
  rows: ProductRow[];
  onChange: (rows: ProductRow[]) => void;
  errors?: Record<string, string>;
  disabled?: boolean;
  /** The heading shown above the rows; a card that has its own passes null. */
  heading?: "text" | null;
}) {
  const { t } = useProblemsText();
  const set = (key: number, patch: Partial<ProductRow>) =>
    props.onChange(props.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs" role="group" aria-label={t("problems.products.title")}>
      {props.heading === null ? (
        <Text size="xs" c="dimmed">
          {t("problems.products.hint")}
        </Text>
      ) : (
        <div>
          <Text size="sm" fw={500}>
            {t("problems.products.title")}
          </Text>
          <Text size="xs" c="dimmed">
            {t("problems.products.hint")}
          </Text>
        </div>
      )}
      {props.rows.map((row, i) => {
        const firmwareError =
          props.errors?.[`affectedProducts.${i}.firmware`] ??
          (firmwareValid(row.firmware) ? undefined : t("problems.products.firmwareInvalid"));
        return (
          <Group
            key={row.key}
            gap="xs"
            align="flex-start"
            wrap="nowrap"
            role="group"
            aria-label={t("problems.products.row", { index: i + 1 })}
          >
            <TextInput
              label={t("problems.products.model")}
              placeholder={t("problems.products.modelPlaceholder")}
              value={row.model}
              onChange={(e) => set(row.key, { model: e.currentTarget.value })}
              error={props.errors?.[`affectedProducts.${i}.model`]}
              disabled={props.disabled}
              style={{ flex: "1 1 0", minWidth: 0 }}
            />
            <TextInput
              label={t("problems.products.firmware")}
              placeholder={t("problems.products.firmwarePlaceholder")}
              value={row.firmware}
              onChange={(e) => set(row.key, { firmware: e.currentTarget.value })}
              error={firmwareError}
              disabled={props.disabled}
              style={{ flex: "1 1 0", minWidth: 0 }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={26}
              size="lg"
              aria-label={t("problems.products.remove", { index: i + 1 })}
              onClick={() => props.onChange(props.rows.filter((r) => r.key !== row.key))}
              disabled={props.disabled}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        );
      })}
      {props.errors?.affectedProducts && (
        <Text size="xs" c="var(--mantine-color-error)" role="alert">
          {props.errors.affectedProducts}
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => props.onChange([...props.rows, productRow()])}
          disabled={props.disabled}
        >
          {t("problems.products.add")}
        </Button>
      </Group>
    </Stack>
  );
}
