/**
 * The live sessions' three screens as one lazy chunk. (Importing ui/Brand.tsx into the public
 * page split Group and Text out of the first load into files of their own, 1.2 kB over the
 * inbox's 300 kB budget, so the public page shows the workspace name without it.)
 */
export { AcademySessionsPages } from "./AcademySessionsPages.tsx";
export { PortalSessionsPage } from "./PortalSessionsPage.tsx";
export { SessionsStaffPage } from "./SessionsStaffPage.tsx";
