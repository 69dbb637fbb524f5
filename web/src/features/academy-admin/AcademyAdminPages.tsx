import { Center, Loader } from "@mantine/core";
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";

/**
 * The authoring screens under /app/academy, behind one route of the app's router: every entry
 * there costs the inbox's first load (at its budget), so the pages are split here instead.
 * Other academy screens (/app/academy/sessions …) have their own, more specific routes.
 */
const CoursesPage = lazy(async () => ({
  default: (await import("./AcademyCoursesPage.tsx")).AcademyCoursesPage,
}));
const EditorPage = lazy(async () => ({ default: (await import("./CourseEditorPage.tsx")).CourseEditorPage }));
const PreviewPage = lazy(async () => ({
  default: (await import("./CoursePreviewPage.tsx")).CoursePreviewPage,
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
      </Routes>
    </Suspense>
  );
}
