import { useTranslation } from "react-i18next";
import { addTextOnce } from "../../i18n/lazyText.ts";

/** English: the public academy pages (issue #21). With their chunk, added on first render (server too). */
export const academyPublicText = {
  academyPublic: {
    title: "Academy",
    intro: "Free training from {{workspace}}: learn at your own pace, earn certificates.",
    homeLink: "{{workspace}} academy home",
    nav: "Academy",
    liveSessions: "Live sessions",
    helpCenter: "Help center",
    signIn: "Sign in",
    courses: "Courses",
    noCourses: "No courses are published yet.",
    paths: "Learning paths",
    levels: { beginner: "Beginner", intermediate: "Intermediate", advanced: "Advanced" },
    minutes: "{{count}} min",
    lessons_one: "{{count}} lesson",
    lessons_other: "{{count}} lessons",
    free: "Free",
    coverAlt: "Cover of {{title}}",
    outline: "What you will learn",
    optional: "optional",
    forModels: "For {{models}}",
    start: "Start the course",
    startHint: "Lessons open in the customer portal after you sign in.",
    back: "All courses",
    breadcrumb: "Breadcrumb",
    notFound: "This course does not exist or is not published.",
    reload: "This page needs a full load.",
    recommended: "Recommended lesson",
    kinds: { text: "Reading", video: "Video", quiz: "Quiz", link: "Article", session: "Live session" },
  },
};

export function useAcademyPublicText() {
  const result = useTranslation();
  addTextOnce(result.i18n, "academyPublic.title", academyPublicText);
  return result;
}
