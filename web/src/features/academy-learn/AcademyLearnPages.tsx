import { Route, Routes } from "react-router";
import { NotFoundPage } from "../../routes/NotFoundPage.tsx";
import { useAcademyText } from "./academyLearnText.ts";
import { CoursePage } from "./CoursePage.tsx";
import { LessonPage } from "./LessonPage.tsx";
import { MyLearningPage } from "./MyLearningPage.tsx";

/**
 * The learner's academy inside the portal (issue #21), one lazy chunk: /portal/academy (my
 * courses and certificates), /portal/academy/courses/<slug> and /portal/academy/lessons/<id>.
 */
export function AcademyLearnPages() {
  useAcademyText();
  return (
    <Routes>
      <Route index element={<MyLearningPage />} />
      <Route path="courses/:key" element={<CoursePage />} />
      <Route path="lessons/:id" element={<LessonPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
