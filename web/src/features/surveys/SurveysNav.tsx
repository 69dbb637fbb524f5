import { Badge, NavLink, VisuallyHidden } from "@mantine/core";
import { IconMoodSmile } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import { useFollowUps } from "./surveysApi.ts";
import { useSurveysText } from "./surveysText.ts";

/** The Surveys nav entry, like the frame's own Item, with the count of the lead's open follow-ups. */
export function SurveysNav(props: { onNavigate: () => void }) {
  const { t } = useSurveysText();
  const { pathname } = useLocation();
  const open = useFollowUps("open");
  const count = open.data?.items.length ?? 0;
  const active = pathname === "/app/surveys";
  return (
    <NavLink
      component={Link}
      to="/app/surveys"
      label={t("surveys.nav")}
      leftSection={<IconMoodSmile size={18} stroke={1.7} aria-hidden />}
      rightSection={
        count > 0 ? (
          <>
            <Badge size="sm" circle={count < 10} color="red" variant="light" aria-hidden>
              {count}
            </Badge>
            <VisuallyHidden>{t("surveys.openCount", { count })}</VisuallyHidden>
          </>
        ) : undefined
      }
      active={active}
      aria-current={active ? "page" : undefined}
      onClick={props.onNavigate}
      style={{ borderRadius: 8 }}
    />
  );
}
