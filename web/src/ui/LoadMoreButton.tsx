import { Button, Center, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** The button under a paged list; nothing when everything is shown. */
export function LoadMoreButton(props: {
  more: { hasMore: boolean; loading: boolean; error: boolean; loadMore: () => void };
}) {
  const { t } = useTranslation();
  if (!props.more.hasMore) return null;
  return (
    <Center py="sm" style={{ flexDirection: "column", gap: 4 }}>
      <Button variant="default" onClick={props.more.loadMore} loading={props.more.loading}>
        {t("common.loadMore")}
      </Button>
      {props.more.error && (
        <Text size="sm" c="red" role="alert">
          {t("common.genericError")}
        </Text>
      )}
    </Center>
  );
}
