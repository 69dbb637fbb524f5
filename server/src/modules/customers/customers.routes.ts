import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import { customerContextSchema } from "../../../../contracts/context.ts";
import {
  addIdentityInputSchema,
  createCustomerInputSchema,
  customerPageSchema,
  customerSchema,
  customerSearchQuerySchema,
  deviceInputSchema,
  deviceSchema,
  duplicatesSchema,
  factSchema,
  lookupQuerySchema,
  mergeInputSchema,
  recordFactInputSchema,
  updateCustomerInputSchema,
} from "../../../../contracts/customers.ts";
import { timelinePageSchema, timelineQuerySchema } from "../../../../contracts/timeline.ts";
import { decodeCursor, toPage } from "../../platform/db/cursor.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { listTimeline } from "../timeline/timeline.ts";
import { customerContext, lookupCustomer } from "./context.service.ts";
import { identitiesOf, searchCustomers } from "./customers.repo.ts";
import {
  addDevice,
  addIdentity,
  changeCustomer,
  createCustomer,
  getCustomer,
  presentCustomer,
  recordFact,
  removeIdentity,
  requireCustomer,
} from "./customers.service.ts";
import { devicesOf, presentDevice } from "./devices.repo.ts";
import { factHistory, presentFact } from "./facts.repo.ts";
import { looksLikePhone, normalizePhone } from "./identities.ts";
import { mergeCustomers, suggestDuplicates } from "./merge.service.ts";

const tags = ["Customers"];
const read = requireActor("customers.read");
const write = requireActor("customers.write");
const identityParams = z.strictObject({ id: z.uuid(), identityId: z.uuid() });

export function customerRoutes(app: FastifyInstance) {
  const r = router(app);
  const scopeOf = (workspaceId: string) => new TenantScope(app.ctx.db, workspaceId);

  r.get(
    "/api/v1/lookup",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Find a customer by phone (any format), email or account; their whole context",
        security: bearer,
        querystring: lookupQuerySchema,
        response: { 200: customerContextSchema, ...withNotFound },
      },
    },
    async (request) => lookupCustomer(app.ctx, actorOf(request), request.query),
  );

  r.post(
    "/api/v1/customers",
    {
      preValidation: write,
      schema: {
        tags,
        summary: "Create a customer with identities",
        security: bearer,
        body: createCustomerInputSchema,
        response: { 201: customerSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCustomer(app.ctx, actorOf(request), request.body)),
  );

  r.get(
    "/api/v1/customers",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Search customers by name, organization, email, phone (any format) or account",
        security: bearer,
        querystring: customerSearchQuerySchema,
        response: { 200: customerPageSchema, ...withNotFound },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { q, cursor, limit } = request.query;
      const phone = q && looksLikePhone(q) ? normalizePhone(q, actor.workspaceRegion) : undefined;
      const scope = scopeOf(actor.workspaceId);
      const rows = await searchCustomers(scope, { q, phone, after: decodeCursor(cursor), limit });
      const page = toPage(rows, limit, (c) => [c.cursorAt, c.id]);
      const identities = await identitiesOf(
        scope,
        page.items.map((c) => c.id),
      );
      return { items: page.items.map((c) => presentCustomer(c, identities)), nextCursor: page.nextCursor };
    },
  );

  r.get(
    "/api/v1/customers/:id",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "A customer with identities",
        security: bearer,
        params: idParamSchema,
        response: { 200: customerSchema, ...withNotFound },
      },
    },
    async (request) => getCustomer(scopeOf(actorOf(request).workspaceId), request.params.id),
  );

  r.patch(
    "/api/v1/customers/:id",
    {
      preValidation: write,
      schema: {
        tags,
        summary: "Change name or organization",
        security: bearer,
        params: idParamSchema,
        body: updateCustomerInputSchema,
        response: { 200: customerSchema, ...withNotFound },
      },
    },
    async (request) => changeCustomer(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.get(
    "/api/v1/customers/:id/context",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Everything known about the customer (the customer panel)",
        security: bearer,
        params: idParamSchema,
        response: { 200: customerContextSchema, ...withNotFound },
      },
    },
    async (request) => customerContext(scopeOf(actorOf(request).workspaceId), request.params.id),
  );

  r.post(
    "/api/v1/customers/:id/identities",
    {
      preValidation: write,
      schema: {
        tags,
        summary: "Add an email, phone or account (409 if another customer has it)",
        security: bearer,
        params: idParamSchema,
        body: addIdentityInputSchema,
        response: { 200: customerSchema, ...withNotFound },
      },
    },
    async (request) => addIdentity(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    "/api/v1/customers/:id/identities/:identityId",
    {
      preValidation: write,
      schema: {
        tags,
        summary: "Remove an identity",
        security: bearer,
        params: identityParams,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await removeIdentity(app.ctx, actorOf(request), request.params.id, request.params.identityId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/customers/:id/facts",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Every fact with its history: who recorded it, when, from where",
        security: bearer,
        params: idParamSchema,
        response: { 200: z.object({ items: z.array(factSchema) }), ...withNotFound },
      },
    },
    async (request) => {
      const scope = scopeOf(actorOf(request).workspaceId);
      await requireCustomer(scope, request.params.id);
      return { items: (await factHistory(scope, request.params.id)).map(presentFact) };
    },
  );

  r.post(
    "/api/v1/customers/:id/facts",
    {
      preValidation: write,
      schema: {
        tags,
        summary: "Record a fact (the previous value is kept in the history)",
        security: bearer,
        params: idParamSchema,
        body: recordFactInputSchema,
        response: { 201: factSchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      return reply
        .status(201)
        .send(await recordFact(app.ctx, actor, actor.workspaceId, request.params.id, request.body));
    },
  );

  r.get(
    "/api/v1/customers/:id/devices",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Devices the customer owns",
        security: bearer,
        params: idParamSchema,
        response: { 200: z.object({ items: z.array(deviceSchema) }), ...withNotFound },
      },
    },
    async (request) => {
      const scope = scopeOf(actorOf(request).workspaceId);
      await requireCustomer(scope, request.params.id);
      return { items: (await devicesOf(scope, request.params.id)).map(presentDevice) };
    },
  );

  r.post(
    "/api/v1/customers/:id/devices",
    {
      preValidation: write,
      schema: {
        tags,
        summary: "Register a device (by serial) on the customer",
        security: bearer,
        params: idParamSchema,
        body: deviceInputSchema,
        response: { 200: deviceSchema, 201: deviceSchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      const { device, created } = await addDevice(app.ctx, actorOf(request), request.params.id, request.body);
      return reply.status(created ? 201 : 200).send(device);
    },
  );

  r.get(
    "/api/v1/customers/:id/duplicates",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Likely duplicates of this customer",
        security: bearer,
        params: idParamSchema,
        response: { 200: duplicatesSchema, ...withNotFound },
      },
    },
    async (request) => suggestDuplicates(app.ctx, actorOf(request), request.params.id),
  );

  r.post(
    "/api/v1/customers/:id/merge",
    {
      preValidation: write,
      schema: {
        tags,
        summary: "Merge a duplicate into this customer",
        security: bearer,
        params: idParamSchema,
        body: mergeInputSchema,
        response: { 200: customerSchema, ...withNotFound },
      },
    },
    async (request) => mergeCustomers(app.ctx, actorOf(request), request.params.id, request.body.duplicateId),
  );

  r.get(
    "/api/v1/customers/:id/timeline",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Everything that happened with this customer, across all cases, newest first",
        security: bearer,
        params: idParamSchema,
        querystring: timelineQuerySchema,
        response: { 200: timelinePageSchema, ...withNotFound },
      },
    },
    async (request) => {
      const scope = scopeOf(actorOf(request).workspaceId);
      await requireCustomer(scope, request.params.id);
      return listTimeline(scope, { customerId: request.params.id }, request.query);
    },
  );
}
