import { Box, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** The footer of every public page (the front door, the help center, the community). */
export function PublicFooter() {
  const { t } = useTranslation();
  return (
    <Box component="footer" py="lg">
      <Group justify="center">
        <Text size="sm" c="dimmed">
          {t("public.poweredBy")}
        </Text>
      </Group>
    </Box>
  );
}
