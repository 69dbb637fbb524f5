import { Route, Routes } from "react-router";
import { AcademySessionsPages } from "../academy-sessions/AcademySessionsPages.tsx";
import { AcademyPages } from "./AcademyPages.tsx";

/**
 * Every public /academy page behind one route of the app's router (each entry there costs the
 * inbox's first load): live sessions (academy-sessions), else the academy home and course
 * pages. Both render what the server's loader put in the page data.
 */
export function AcademyPublicRoutes() {
  return (
    <Routes>
      <Route path="sessions/*" element={<AcademySessionsPages />} />
      <Route path="*" element={<AcademyPages />} />
    </Routes>
  );
}
