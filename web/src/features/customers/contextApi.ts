import { useQuery } from "@tanstack/react-query";
import { customerContextSchema } from "../../../../contracts/context.ts";
import { apiParsed } from "../../api/client.ts";
import { customerKey } from "./customersApi.ts";

/**
 * Everything about a customer at a glance (the case panel, the screen pop). A module of its
 * own: the context's contract brings the problems' one (known issues), which the inbox's first
 * load, importing customersApi for the new-case form, must not carry.
 */
export function useCustomerContext(id: string | undefined) {
  return useQuery({
    queryKey: [...customerKey(id ?? ""), "context"],
    queryFn: () => apiParsed(customerContextSchema, `/api/v1/customers/${id}/context`),
    enabled: Boolean(id),
  });
}
