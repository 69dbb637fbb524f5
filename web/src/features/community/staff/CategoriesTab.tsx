import {
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { AdminTable, EditorFooter, EditorModal, ErrorText } from "../../../ui/AdminList.tsx";
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
      <ErrorText>{remove.error?.message}</ErrorText>
      <Loaded query={categories}>
        {(data) => (
          <AdminTable
            label={t("communityStaff.categories.tableLabel")}
            minWidth={560}
            items={data.items}
            empty={t("communityStaff.categories.empty")}
            columns={[
              {
                header: t("communityStaff.categories.name"),
                cell: (c) => (
                  <>
                    <Text size="sm" fw={600}>
                      {c.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      /community/{c.slug}
                    </Text>
                  </>
                ),
              },
              {
                header: t("communityStaff.categories.visibility"),
                cell: (c) => visibilityLabel(c.visibility),
              },
              { header: t("communityStaff.categories.productModel"), cell: (c) => c.productModel ?? "—" },
              { header: t("communityStaff.categories.topics"), cell: (c) => c.topicCount ?? 0 },
            ]}
            manageHeader={<VisuallyHidden>{t("communityStaff.categories.edit")}</VisuallyHidden>}
            rowAttributes={(c) => ({ "data-category": c.slug })}
            tooltips={{
              edit: t("communityStaff.categories.edit"),
              delete: t("communityStaff.categories.delete"),
            }}
            editLabel={(c) => t("communityStaff.categories.editLabel", { name: c.name })}
            onEdit={setEditing}
            deleteLabel={(c) => t("communityStaff.categories.deleteLabel", { name: c.name })}
            deleting={(c) => remove.isPending && remove.variables === c.id}
            onDelete={(c) =>
              remove.mutate(c.id, { onSuccess: () => notifyDone(t, t("communityStaff.categories.deleted")) })
            }
          />
        )}
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
    <EditorModal
      title={
        c ? t("communityStaff.categories.editLabel", { name: c.name }) : t("communityStaff.categories.new")
      }
      closeLabel={t("common.close")}
      onClose={props.onClose}
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
          <EditorFooter
            error={errors.form}
            cancel={t("communityStaff.categories.cancel")}
            onCancel={props.onClose}
            submit={c ? t("communityStaff.categories.save") : t("communityStaff.categories.create")}
            busy={save.isPending}
          />
        </Stack>
      </form>
    </EditorModal>
  );
}
