import { Alert, Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text } from "@mantine/core";
import { IconDownload, IconShieldCheck } from "@tabler/icons-react";
import { formatDateTime } from "../../ui/formatDate.ts";
import { useCertificates } from "./academyLearnApi.ts";
import { useAcademyText } from "./academyLearnText.ts";

/** My certificates: each with its PDF and its public verification page. */
export function CertificatesList() {
  const { t, i18n } = useAcademyText();
  const certs = useCertificates();
  if (certs.isPending) return <Skeleton h={80} radius="lg" />;
  if (certs.isError)
    return (
      <Alert color="red" role="alert">
        {t("academyLearn.loadError", { message: certs.error.message })}
      </Alert>
    );
  if (certs.data.items.length === 0) return <Text c="dimmed">{t("academyLearn.certificates.none")}</Text>;
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {certs.data.items.map((c) => (
        <Paper key={c.id} withBorder radius="lg" p="md" component="li">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Stack gap={2}>
              <Group gap="xs">
                <Text fw={600}>{c.title}</Text>
                {c.revokedAt && (
                  <Badge color="red" variant="light">
                    {t("academyLearn.certificates.revoked")}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {t("academyLearn.certificates.issued", { date: formatDateTime(c.issuedAt, i18n.language) })} ·{" "}
                {t("academyLearn.certificates.code", { code: c.code })}
              </Text>
            </Stack>
            <Group gap="xs">
              <Button
                component="a"
                href={c.pdfUrl}
                download
                variant="light"
                leftSection={<IconDownload size={16} aria-hidden />}
                aria-label={t("academyLearn.certificates.downloadLabel", { title: c.title })}
              >
                {t("academyLearn.certificates.download")}
              </Button>
              <Anchor
                href={c.verifyUrl}
                target="_blank"
                rel="noopener"
                aria-label={t("academyLearn.certificates.verifyLabel", { title: c.title })}
              >
                <Group gap={4} component="span">
                  <IconShieldCheck size={16} aria-hidden />
                  {t("academyLearn.certificates.verify")}
                </Group>
              </Anchor>
            </Group>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
