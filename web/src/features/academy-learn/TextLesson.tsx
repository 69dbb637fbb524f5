import { Box, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import type { LearnLesson } from "../../../../contracts/academy-learning.ts";
import classes from "../composer/markdown.module.css";
import { useAcademyText } from "./academyLearnText.ts";
import { useProgressReporter } from "./useProgressReporter.ts";

/** How much of the element has passed the bottom of the window, in percent. */
function readPercent(el: HTMLElement): number {
  const rect = el.getBoundingClientRect();
  if (rect.height <= 0) return 100;
  const seen = window.innerHeight - rect.top;
  return Math.min(100, Math.max(0, (seen / rect.height) * 100));
}

/** A reading lesson: the sanitised HTML from the server; scrolling through it marks it read. */
export function TextLesson(props: { lesson: LearnLesson }) {
  const { t } = useAcademyText();
  const body = useRef<HTMLDivElement>(null);
  const report = useProgressReporter(props.lesson.id, props.lesson);
  useEffect(() => {
    const el = body.current;
    if (!el) return;
    const check = () => report(readPercent(el));
    check();
    window.addEventListener("scroll", check, { passive: true });
    window.addEventListener("resize", check);
    return () => {
      window.removeEventListener("scroll", check);
      window.removeEventListener("resize", check);
    };
  }, [report]);
  return (
    <>
      <Box
        ref={body}
        className={classes.markdown}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown rendered and sanitised by the server (help/render.ts)
        dangerouslySetInnerHTML={{ __html: props.lesson.html }}
      />
      {!props.lesson.completed && (
        <Text size="sm" c="dimmed">
          {t("academyLearn.readHint")}
        </Text>
      )}
    </>
  );
}
