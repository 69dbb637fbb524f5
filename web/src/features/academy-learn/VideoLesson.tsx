import { Box, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import type { LearnLesson } from "../../../../contracts/academy-learning.ts";
import { useAcademyText } from "./academyLearnText.ts";
import { useProgressReporter } from "./useProgressReporter.ts";

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

/** An uploaded video: reports the furthest point watched and resumes where the learner left off. */
function UploadedVideo(props: { lesson: LearnLesson; video: NonNullable<LearnLesson["video"]> }) {
  const { t } = useAcademyText();
  const ref = useRef<HTMLVideoElement>(null);
  const report = useProgressReporter(props.lesson.id, props.lesson);
  const furthest = useRef(0);
  const resumeAt = props.lesson.completed ? 0 : props.lesson.positionSeconds;
  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    const onMeta = () => {
      if (resumeAt > 0 && resumeAt < v.duration) v.currentTime = resumeAt;
    };
    const onTime = () => {
      if (!v.duration || !Number.isFinite(v.duration)) return;
      furthest.current = Math.max(furthest.current, v.currentTime);
      report((furthest.current / v.duration) * 100, v.currentTime);
    };
    v.addEventListener("loadedmetadata", onMeta);
    v.addEventListener("timeupdate", onTime);
    v.addEventListener("ended", onTime);
    return () => {
      v.removeEventListener("loadedmetadata", onMeta);
      v.removeEventListener("timeupdate", onTime);
      v.removeEventListener("ended", onTime);
    };
  }, [report, resumeAt]);
  return (
    <>
      {/* biome-ignore lint/a11y/useMediaCaption: captions are added below when the lesson has them */}
      <video ref={ref} controls preload="metadata" style={{ width: "100%", borderRadius: 8 }}>
        <source src={props.video.streamUrl ?? ""} type={props.video.mime ?? undefined} />
        {props.video.captionsUrl && (
          <track kind="captions" src={props.video.captionsUrl} srcLang="en" label="English" default />
        )}
      </video>
      {resumeAt > 0 && (
        <Text size="sm" c="dimmed">
          {t("academyLearn.video.resumeAt", { time: clock(resumeAt) })}
        </Text>
      )}
    </>
  );
}

/**
 * An embedded video (an allowed host's player): the player's own position cannot be read
 * without the host's script, so time spent on the page while it is visible counts as watching,
 * against the lesson's stated length.
 */
function EmbeddedVideo(props: { lesson: LearnLesson; video: NonNullable<LearnLesson["video"]> }) {
  const { t } = useAcademyText();
  const report = useProgressReporter(props.lesson.id, props.lesson);
  const seconds = props.video.seconds;
  useEffect(() => {
    if (!seconds) return;
    let watched = (props.lesson.percent / 100) * seconds;
    const timer = window.setInterval(() => {
      if (document.visibilityState !== "visible") return;
      watched += 5;
      report((watched / seconds) * 100, watched);
    }, 5000);
    return () => window.clearInterval(timer);
  }, [seconds, report, props.lesson.percent]);
  return (
    <Box style={{ position: "relative", paddingTop: "56.25%" }}>
      <iframe
        src={props.video.embedUrl ?? ""}
        title={t("academyLearn.video.embedTitle", { title: props.lesson.title })}
        allow="encrypted-media; picture-in-picture; fullscreen"
        referrerPolicy="strict-origin-when-cross-origin"
        style={{ position: "absolute", inset: 0, width: "100%", height: "100%", border: 0, borderRadius: 8 }}
      />
    </Box>
  );
}

export function VideoLesson(props: { lesson: LearnLesson }) {
  const { t } = useAcademyText();
  const video = props.lesson.video;
  if (!video) return null;
  return (
    <>
      {video.streamUrl ? (
        <UploadedVideo lesson={props.lesson} video={video} />
      ) : video.embedUrl ? (
        <EmbeddedVideo lesson={props.lesson} video={video} />
      ) : null}
      {!props.lesson.completed && (
        <Text size="sm" c="dimmed">
          {t("academyLearn.video.watchedHint")}
        </Text>
      )}
      {video.transcript && (
        <details>
          <summary>{t("academyLearn.video.transcript")}</summary>
          <Text style={{ whiteSpace: "pre-wrap" }} mt="xs">
            {video.transcript}
          </Text>
        </details>
      )}
    </>
  );
}
