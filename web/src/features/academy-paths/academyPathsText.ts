import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/** English: the learning paths screen (issue #21), loaded with its lazy chunk. */
export const academyPathsText = {
  academyPaths: {
    title: "Learning paths",
    intro:
      "A learning path is an ordered set of courses. A learner who completes every course of a published path gets a path certificate.",
    report: "Academy report",
    newPath: "New path",
    edit: "Edit",
    publish: "Publish",
    archive: "Archive",
    delete: "Delete",
    empty: "No learning path yet.",
    loadError: "The learning paths could not be loaded: {{message}}",
    columns: { title: "Path", state: "State", courses: "Courses", actions: "Actions" },
    states: { draft: "Draft", published: "Published", archived: "Archived" },
    courseCount_one: "{{count}} course",
    courseCount_other: "{{count}} courses",
    editor: {
      createTitle: "New learning path",
      editTitle: "Edit “{{title}}”",
      name: "Title",
      slug: "Address (slug)",
      slugHint: "Lowercase words joined by hyphens",
      summary: "Summary",
      courses: "Courses, in order",
      addCourse: "Add a course",
      addPlaceholder: "Choose a course",
      noCourses: "No course in this path yet.",
      up: "Move “{{title}}” up",
      down: "Move “{{title}}” down",
      remove: "Remove “{{title}}”",
      draftCourse: "draft",
      save: "Save path",
      cancel: "Cancel",
    },
  },
};

export function useAcademyPathsText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "academyPaths.title", academyPathsText);
  return result;
}
