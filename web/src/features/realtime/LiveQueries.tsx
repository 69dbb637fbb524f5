import { useQueryClient } from "@tanstack/react-query";
import { problemsKey } from "../problems/problemsKey.ts";
import { useRealtimeEvent } from "./useRealtime.ts";

/**
 * Keeps what is on screen current: case and message events refetch the lists, the case and
 * its customer. Only queries that are mounted refetch, so this costs nothing off-screen.
 */
export function LiveQueries() {
  const queryClient = useQueryClient();
  useRealtimeEvent((event) => {
    // A problem changed (status, links, an update sent): its lists, its page, the panels of
    // the cases linked to it and the known issues on customers' records.
    if (event.type === "problem.updated") {
      void queryClient.invalidateQueries({ queryKey: problemsKey });
      void queryClient.invalidateQueries({ queryKey: ["customer"] });
      return;
    }
    if (event.type !== "case.created" && event.type !== "case.updated" && event.type !== "message.added")
      return;
    void queryClient.invalidateQueries({ queryKey: ["cases"] });
    void queryClient.invalidateQueries({ queryKey: ["case", event.caseId] });
    void queryClient.invalidateQueries({ queryKey: ["search"] });
    // message.added carries no customer id; refreshing every shown customer is cheap enough.
    void queryClient.invalidateQueries({
      queryKey: "customerId" in event ? ["customer", event.customerId] : ["customer"],
    });
  });
  return null;
}
