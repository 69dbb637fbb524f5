import {
  ActionIcon,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from "@mantine/core";
import { IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { notifyDone } from "../../escalations/notify.ts";
import { splitError } from "../../problems/fieldErrors.ts";
import { Loaded } from "./CommunityStaffPage.tsx";
import { useCommunityStaffText } from "./communityStaffText.ts";
import {
  type Category,
  type CategoryInput,
  createCategory,
  deleteCategory,
  updateCategory,
  useCategories,
  useCommunityWrite,
  visibilities,
} from "./staffApi.ts";

/** The categories staff define: name, address, product model and who may read them. */
export function CategoriesTab() {
  const { t } = useCommunityStaffText();
  const categories = useCategories();
  const [editing, setEditing] = useState<Category | "new" | null>(null);
  const remove = useCommunityWrite(deleteCategory);
  const visibilityLabel = (v: Category["visibility"]) => t(`communityStaff.categories.visibilities.${v}`);

  return (
    <Stack gap="md">
      <Group>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing("new")}>
          {t("communityStaff.categories.new")}
        </Button>
      </Group>
      {remove.isError && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {remove.error.message}
        </Text>
      )}
      <Loaded query={categories}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t("communityStaff.categories.empty")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table aria-label={t("communityStaff.categories.tableLabel")} verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("communityStaff.categories.name")}</Table.Th>
                    <Table.Th scope="col">{t("communityStaff.categories.visibility")}</Table.Th>
                    <Table.Th scope="col">{t("communityStaff.categories.productModel")}</Table.Th>
                    <Table.Th scope="col">{t("communityStaff.categories.topics")}</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>{t("communityStaff.categories.edit")}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((c) => (
                    <Table.Tr key={c.id} data-category={c.slug}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {c.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          /community/{c.slug}
                        </Text>
                      </Table.Td>
                      <Table.Td>{visibilityLabel(c.visibility)}</Table.Td>
                      <Table.Td>{c.productModel ?? "—"}</Table.Td>
                      <Table.Td>{c.topicCount ?? 0}</Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Tooltip label={t("communityStaff.categories.edit")}>
                            <ActionIcon
                              variant="subtle"
                              aria-label={t("communityStaff.categories.editLabel", { name: c.name })}
                              onClick={() => setEditing(c)}
                            >
                              <IconPencil size={16} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t("communityStaff.categories.delete")}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t("communityStaff.categories.deleteLabel", { name: c.name })}
                              loading={remove.isPending && remove.variables === c.id}
                              onClick={() =>
                                remove.mutate(c.id, {
                                  onSuccess: () => notifyDone(t, t("communityStaff.categories.deleted")),
                                })
                              }
                            >
                              <IconTrash size={16} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Loaded>
      {editing && (
        <CategoryForm
          category={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          visibilityLabel={visibilityLabel}
        />
      )}
    </Stack>
  );
}

function CategoryForm(props: {
  category: Category | null;
  onClose: () => void;
  visibilityLabel: (v: Category["visibility"]) => string;
}) {
  const { t } = useCommunityStaffText();
  const c = props.category;
  const [form, setForm] = useState<CategoryInput>({
    name: c?.name ?? "",
    slug: c?.slug ?? "",
    description: c?.description ?? "",
    productModel: c?.productModel ?? "",
    visibility: c?.visibility ?? "public",
    position: c?.position ?? 0,
  });
  const save = useCommunityWrite((input: CategoryInput) =>
    c ? updateCategory({ ...input, id: c.id }) : createCategory(input),
  );
  const errors = splitError(save.error, t("common.genericError"));
  const set = (patch: Partial<CategoryInput>) => setForm((f) => ({ ...f, ...patch }));

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={
        c ? t("communityStaff.categories.editLabel", { name: c.name }) : t("communityStaff.categories.new")
      }
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const input: CategoryInput = {
            name: form.name.trim(),
            visibility: form.visibility,
            description: form.description?.trim() ?? "",
            productModel: form.productModel?.trim() || null,
            position: form.position ?? 0,
            ...(form.slug?.trim() ? { slug: form.slug.trim() } : {}),
          };
          save.mutate(input, {
            onSuccess: () => {
              notifyDone(t, t("communityStaff.saved"));
              props.onClose();
            },
          });
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t("communityStaff.categories.name")}
            required
            value={form.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={errors.fields.name}
          />
          <TextInput
            label={t("communityStaff.categories.slug")}
            description={t("communityStaff.categories.slugHint")}
            value={form.slug ?? ""}
            onChange={(e) => set({ slug: e.currentTarget.value })}
            error={errors.fields.slug}
          />
          <Textarea
            label={t("communityStaff.categories.description")}
            autosize
            minRows={2}
            value={form.description ?? ""}
            onChange={(e) => set({ description: e.currentTarget.value })}
            error={errors.fields.description}
          />
          <TextInput
            label={t("communityStaff.categories.productModel")}
            description={t("communityStaff.categories.productModelHint")}
            value={form.productModel ?? ""}
            onChange={(e) => set({ productModel: e.currentTarget.value })}
            error={errors.fields.productModel}
          />
          <Select
            label={t("communityStaff.categories.visibility")}
            data={visibilities.map((v) => ({ value: v, label: props.visibilityLabel(v) }))}
            value={form.visibility}
            onChange={(v) => v && set({ visibility: v as Category["visibility"] })}
            allowDeselect={false}
            error={errors.fields.visibility}
          />
          <NumberInput
            label={t("communityStaff.categories.position")}
            min={0}
            max={10_000}
            value={form.position ?? 0}
            onChange={(v) => set({ position: typeof v === "number" ? v : 0 })}
            error={errors.fields.position}
          />
          {errors.form && (
            <Text size="sm" c="var(--mantine-color-error)" role="alert">
              {errors.form}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t("communityStaff.categories.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {c ? t("communityStaff.categories.save") : t("communityStaff.categories.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
