import { Center, Loader } from "@mantine/core";
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { NotFoundPage } from "../../routes/NotFoundPage.tsx";
import { useAcademyText } from "./academyLearnText.ts";
import { CoursePage } from "./CoursePage.tsx";
import { LessonPage } from "./LessonPage.tsx";
import { MyLearningPage } from "./MyLearningPage.tsx";

const SessionsPage = lazy(async () => ({
  default: (await import("../academy-sessions/pages.ts")).PortalSessionsPage,
}));

/**
 * The learner's academy inside the portal (issue #21), one lazy chunk: /portal/academy (my
 * courses and certificates), /portal/academy/courses/<slug> and /portal/academy/lessons/<id>;
 * live sessions (/portal/academy/sessions[/<slug>]) come in their own chunk.
 */
export function AcademyLearnPages() {
  useAcademyText();
  const sessions = (
    <Suspense
      fallback={
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      }
    >
      <SessionsPage />
    </Suspense>
  );
  return (
    <Routes>
      <Route path="sessions" element={sessions} />
      <Route path="sessions/:slug" element={sessions} />
      <Route index element={<MyLearningPage />} />
      <Route path="courses/:key" element={<CoursePage />} />
      <Route path="lessons/:id" element={<LessonPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
