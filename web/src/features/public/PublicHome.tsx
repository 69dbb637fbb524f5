import { Box, Button, Container, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconHeadset, IconLifebuoy } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { publicWorkspaceSchema } from "../../../../contracts/accounts.ts";
import { apiParsed } from "../../api/client.ts";
import { PublicFooter } from "../../platform/public/PublicFooter.tsx";
import { Brand } from "../../ui/Brand.tsx";

export const publicWorkspaceQueryKey = ["public-workspace"] as const;

/**
 * The server-rendered front door. Plain <a> links (not router links) so it works with
 * JavaScript disabled; the data is seeded into the query cache by the server render.
 */
export function PublicHome() {
  const { t } = useTranslation();
  const workspace = useQuery({
    queryKey: publicWorkspaceQueryKey,
    queryFn: () => apiParsed(publicWorkspaceSchema, "/api/v1/public/workspace"),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const name = workspace.data?.name ?? t("common.appName");

  return (
    <Box mih="100vh" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
      <Box
        component="header"
        py="md"
        px="lg"
        bg="var(--mantine-color-body)"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <Container size="md" px={0}>
          <Brand name={name} />
        </Container>
      </Box>
      <Container component="main" size="md" py={64}>
        <Stack gap="xl">
          <Stack gap="sm">
            <Title order={1} fz={{ base: 32, sm: 44 }}>
              {name}
            </Title>
            <Text fz="lg" c="dimmed" maw={560}>
              {t("public.welcome", { workspace: name })}
            </Text>
          </Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <Paper withBorder radius="lg" p="xl" shadow="xs">
              <Stack align="flex-start" gap="sm">
                <IconLifebuoy size={32} aria-hidden color="var(--mantine-primary-color-filled)" />
                <Text c="dimmed">{t("public.portalSignInHint")}</Text>
                <Button component="a" href="/portal/login" size="md">
                  {t("public.portalSignIn")}
                </Button>
              </Stack>
            </Paper>
            <Paper withBorder radius="lg" p="xl" shadow="xs">
              <Stack align="flex-start" gap="sm">
                <IconHeadset size={32} aria-hidden color="var(--mantine-primary-color-filled)" />
                <Text c="dimmed">{t("public.staffSignInHint", { workspace: name })}</Text>
                <Button component="a" href="/login" size="md" variant="default">
                  {t("public.staffSignIn")}
                </Button>
              </Stack>
            </Paper>
          </SimpleGrid>
        </Stack>
      </Container>
      <PublicFooter />
    </Box>
  );
}
