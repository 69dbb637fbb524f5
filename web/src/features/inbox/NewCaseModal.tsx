import { Button, Modal, Select } from "@mantine/core";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCustomerSearch } from "../customers/customersApi.ts";

// The form loads when the dialog first opens: it kept the inbox's first load at its budget's edge
// (moved out when the composer's snippet picker and agent profiles, issue #18, were added).
const NewCaseForm = lazy(async () => ({ default: (await import("../cases/NewCaseForm.tsx")).NewCaseForm }));

/** "New case" in the inbox: pick the customer by search, then subject, message and priority. */
export function NewCaseButton() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const found = useCustomerSearch(debounced);
  const options = (found.data?.items ?? []).map((c) => ({
    value: c.id,
    label: c.organization ? `${c.name} (${c.organization})` : c.name,
  }));

  return (
    <>
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
        {t("caseMoves.newCase")}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t("caseMoves.newCaseTitle")}
        closeButtonProps={{ "aria-label": t("common.close") }}
      >
        {opened && (
          <Suspense fallback={null}>
            <NewCaseForm
              customerId={customerId}
              withPriority
              onCancel={close}
              onCreated={close}
              customerField={(error) => (
                <Select
                  label={t("caseMoves.customer")}
                  placeholder={t("caseMoves.customerPlaceholder")}
                  data={options}
                  value={customerId}
                  onChange={setCustomerId}
                  searchable
                  searchValue={search}
                  onSearchChange={setSearch}
                  filter={({ options: all }) => all}
                  nothingFoundMessage={found.isFetching ? t("common.loading") : undefined}
                  error={error}
                  required
                  data-autofocus
                  comboboxProps={{ withinPortal: false }}
                />
              )}
            />
          </Suspense>
        )}
      </Modal>
    </>
  );
}
