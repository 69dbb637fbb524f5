import { Stack } from "@mantine/core";
import { IconMessages } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";

// Requests arrive with the cases module; until then the portal explains what will be here.
export function MyRequestsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageTitle>{t("portal.title")}</PageTitle>
      <EmptyState
        icon={<IconMessages size={28} />}
        title={t("portal.emptyTitle")}
        body={t("portal.emptyBody")}
      />
    </Stack>
  );
}
