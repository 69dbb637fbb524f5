import { Button, Group, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useHelpText } from "../helpText.ts";

/** A GET form to /help/search; `compact` is the header's (no visible label, small). */
export function SearchForm(props: { q?: string; size?: "md" | "lg"; compact?: boolean }) {
  const { t } = useHelpText();
  if (props.compact) {
    return (
      // biome-ignore lint/a11y/useSemanticElements: as below
      <form role="search" action="/help/search" method="get" aria-label={t("helpCenter.searchLabel")}>
        <TextInput
          name="q"
          type="search"
          size="sm"
          aria-label={t("helpCenter.searchLabel")}
          placeholder={t("helpCenter.searchButton")}
          leftSection={<IconSearch size={16} aria-hidden />}
          maxLength={200}
          w={220}
        />
      </form>
    );
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <search> wrapper is newer than some browsers we serve; the role is understood everywhere
    <form role="search" action="/help/search" method="get" aria-label={t("helpCenter.searchLabel")}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          name="q"
          type="search"
          defaultValue={props.q}
          label={t("helpCenter.searchLabel")}
          placeholder={t("helpCenter.searchPlaceholder")}
          size={props.size ?? "md"}
          leftSection={<IconSearch size={18} aria-hidden />}
          style={{ flex: 1 }}
          maxLength={200}
        />
        <Button type="submit" size={props.size ?? "md"}>
          {t("helpCenter.searchButton")}
        </Button>
      </Group>
    </form>
  );
}
