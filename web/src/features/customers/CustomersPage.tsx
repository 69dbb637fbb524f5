import { Anchor, Button, Center, Group, Loader, Paper, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import { IconPlus, IconSearch, IconUsers } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useCustomerSearch } from "./customersApi.ts";
import { NewCustomerModal } from "./NewCustomerModal.tsx";
import { identityText, usePhoneFormat } from "./phone.ts";

/** Find a customer by anything they might say on the phone, or add a new one. */
export function CustomersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const [debounced] = useDebouncedValue(q, 250);
  const results = useCustomerSearch(debounced);
  const [creating, { open, close }] = useDisclosure();
  const items = results.data?.items ?? [];
  const phone = usePhoneFormat();

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <PageTitle>{t("customers.title")}</PageTitle>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
          {t("customers.new")}
        </Button>
      </Group>
      <TextInput
        type="search"
        label={t("customers.search")}
        description={t("customers.searchHint")}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={q}
        onChange={(e) =>
          setParams(e.currentTarget.value ? { q: e.currentTarget.value } : {}, { replace: true })
        }
        maw={480}
      />
      {results.isPending ? (
        <Center py="xl">
          <Loader aria-label={t("common.loading")} />
        </Center>
      ) : items.length === 0 ? (
        debounced ? (
          <Text role="status">{t("customers.noResults", { q: debounced })}</Text>
        ) : (
          <EmptyState
            icon={<IconUsers size={28} />}
            title={t("customers.emptyTitle")}
            body={t("customers.emptyBody")}
          />
        )
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" aria-label={t("customers.tableLabel")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("customers.columns.name")}</Table.Th>
                  <Table.Th>{t("customers.columns.organization")}</Table.Th>
                  <Table.Th>{t("customers.columns.identities")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/app/customers/${c.id}`} fw={600}>
                        {c.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{c.organization ?? "—"}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.identities.map((i) => identityText(i, phone)).join(" · ")}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <NewCustomerModal opened={creating} onClose={close} />
    </Stack>
  );
}
