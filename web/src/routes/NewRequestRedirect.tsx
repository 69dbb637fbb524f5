import { Navigate, useLocation } from "react-router";

/** `/portal/new` (the short link help articles and emails use) is the new-request form, query kept. */
export function NewRequestRedirect() {
  const { search } = useLocation();
  return <Navigate to={`/portal/requests/new${search}`} replace />;
}
