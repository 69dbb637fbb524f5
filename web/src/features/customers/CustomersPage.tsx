import { Stack } from "@mantine/core";
import { IconUsers } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";

// Placeholder until the customers module lands.
export function CustomersPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageTitle>{t("customers.title")}</PageTitle>
      <EmptyState
        icon={<IconUsers size={28} />}
        title={t("customers.emptyTitle")}
        body={t("customers.emptyBody")}
      />
    </Stack>
  );
}
