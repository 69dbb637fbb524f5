import { Center, Loader } from "@mantine/core";
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";

/**
 * The authoring screens under /app/academy, behind one route of the app's router: every entry
 * there costs the inbox's first load (at its budget), so the pages are split here instead.
 * The other parts' staff screens (live sessions, learning paths, the report) are routed here too.
 */
const CoursesPage = lazy(async () => ({
  default: (await import("./AcademyCoursesPage.tsx")).AcademyCoursesPage,
}));
const EditorPage = lazy(async () => ({ default: (await import("./CourseEditorPage.tsx")).CourseEditorPage }));
const PreviewPage = lazy(async () => ({
  default: (await import("./CoursePreviewPage.tsx")).CoursePreviewPage,
}));
const SessionsPage = lazy(async () => ({
  default: (await import("../academy-sessions/pages.ts")).SessionsStaffPage,
}));
const PathsPage = lazy(async () => ({ default: (await import("../academy-paths/PathsPage.tsx")).PathsPage }));
const ReportPage = lazy(async () => ({
  default: (await import("../academy-report/AcademyReportPage.tsx")).AcademyReportPage,
}));

export function AcademyAdminPages() {
  return (
    <Suspense
      fallback={
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      }
    >
      <Routes>
        <Route index element={<CoursesPage />} />
        <Route path="courses/:id" element={<EditorPage />} />
        <Route path="courses/:id/preview" element={<PreviewPage />} />
        <Route path="sessions" element={<SessionsPage />} />
        <Route path="paths" element={<PathsPage />} />
        <Route path="report" element={<ReportPage />} />
      </Routes>
    </Suspense>
  );
}
