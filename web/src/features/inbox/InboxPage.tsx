import { Stack } from "@mantine/core";
import { IconInbox } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";

// Placeholder until the cases module lands.
export function InboxPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageTitle>{t("inbox.title")}</PageTitle>
      <EmptyState icon={<IconInbox size={28} />} title={t("inbox.emptyTitle")} body={t("inbox.emptyBody")} />
    </Stack>
  );
}
