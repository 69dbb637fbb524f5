import { Button, List, Modal, Stack, TagsInput, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { splitError } from "../problems/fieldErrors.ts";
import { createCategory, useCategories, useHelpWrite } from "./helpApi.ts";
import { useHelpText } from "./helpText.ts";

/** A small category manager: the existing categories and a form to create one with its sections. */
export function CategoryManager(props: { opened: boolean; onClose: () => void }) {
  const { t } = useHelpText();
  const categories = useCategories();
  const [name, setName] = useState("");
  const [sections, setSections] = useState<string[]>([]);
  const create = useHelpWrite(createCategory);
  const errors = splitError(create.error, t("common.genericError"));
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t("help.categories.title")}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack gap="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              { name: name.trim(), sections: sections.map((s) => ({ name: s })) },
              {
                onSuccess: () => {
                  setName("");
                  setSections([]);
                  notifications.show({
                    color: "teal",
                    message: t("help.categories.created"),
                    closeButtonProps: { "aria-label": t("common.close") },
                  });
                },
              },
            );
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t("help.categories.name")}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.fields.name}
            />
            <TagsInput
              label={t("help.categories.sections")}
              description={t("help.categories.sectionsHint")}
              value={sections}
              onChange={setSections}
            />
            {errors.form && (
              <Text size="sm" c="var(--mantine-color-error)" role="alert">
                {errors.form}
              </Text>
            )}
            <Button type="submit" loading={create.isPending} w="fit-content">
              {t("help.categories.create")}
            </Button>
          </Stack>
        </form>
        <Title order={3} size="h5">
          {t("help.categories.existing")}
        </Title>
        {(categories.data?.items ?? []).length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("help.categories.none")}
          </Text>
        ) : (
          <List size="sm">
            {categories.data?.items.map((c) => (
              <List.Item key={c.id}>
                {c.name}
                {c.sections.length > 0 && ` — ${c.sections.map((s) => s.name).join(", ")}`}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Modal>
  );
}
