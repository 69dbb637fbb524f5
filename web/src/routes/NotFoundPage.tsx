import { Anchor } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AuthLayout } from "../ui/AuthLayout.tsx";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t("notFound.title")} intro={t("notFound.body")}>
      <Anchor href="/">{t("notFound.home")}</Anchor>
    </AuthLayout>
  );
}
