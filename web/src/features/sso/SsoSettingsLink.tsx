import { Button, Group, Paper, Text } from "@mantine/core";
import { IconKey } from "@tabler/icons-react";
import { Link } from "react-router";
import { useSsoText } from "./ssoText.ts";

/**
 * The way into Settings → Single sign-on, on the workspace settings page (a lazy chunk): an
 * entry in the app frame's nav would add to the inbox's first load, whose budget is full.
 */
export function SsoSettingsLink() {
  const { t } = useSsoText();
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between">
        <Text>{t("sso.linkIntro")}</Text>
        <Button
          component={Link}
          to="/app/settings/sso"
          variant="default"
          leftSection={<IconKey size={16} aria-hidden />}
        >
          {t("sso.nav")}
        </Button>
      </Group>
    </Paper>
  );
}
