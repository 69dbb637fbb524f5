import type { CreateCustomerInput } from "../../../../contracts/customers.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { appendEvent, type Doer } from "../timeline/timeline.ts";
import {
  deleteIdentity,
  findCustomer,
  findIdentityOwner,
  identitiesOf,
  insertCustomer,
  insertIdentity,
  updateCustomer,
} from "./customers.repo.ts";
import { findDeviceBySerial, insertDevice, presentDevice, updateDeviceFirmware } from "./devices.repo.ts";
import { currentFact, insertFact, presentFact, supersedeFact } from "./facts.repo.ts";
import { type IdentityKind, normalizeIdentity } from "./identities.ts";

type Ctx = Pick<AppContext, "db">;

export const doerOf = (actor: Actor): Doer => ({ userId: actor.userId, name: actor.name });

export const customerNotFound = () => new AppError("not_found", "Customer was not found");

/** 404 unless the customer exists (and was not merged away) in this workspace. */
export async function requireCustomer(scope: TenantScope, id: string): Promise<void> {
  if (!(await findCustomer(scope, id))) throw customerNotFound();
}

/** Adds one identity, refusing (409, naming the owner) a value another customer holds. */
export async function attachIdentity(
  scope: TenantScope,
  input: { customerId: string; kind: IdentityKind; raw: string; region: string; field: string },
) {
  const { value, display } = normalizeIdentity(input.kind, input.raw, input.region, input.field);
  const owner = await findIdentityOwner(scope, input.kind, value);
  if (owner) {
    if (owner.customerId === input.customerId) return { value, added: false };
    throw new AppError(
      "identity_taken",
      `${display} already belongs to ${owner.name} (customer ${owner.customerId})`,
      input.field,
    );
  }
  await insertIdentity(scope, { customerId: input.customerId, kind: input.kind, value, display });
  return { value, added: true };
}

export async function createCustomer(ctx: Ctx, actor: Actor, input: CreateCustomerInput) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const customer = await insertCustomer(scope, {
      name: input.name,
      organization: input.organization ?? null,
    });
    const groups: Array<[IdentityKind, string, string[]]> = [
      ["email", "emails", input.emails],
      ["phone", "phones", input.phones],
      ["account", "accounts", input.accounts],
    ];
    for (const [kind, field, values] of groups) {
      for (const [i, raw] of values.entries()) {
        await attachIdentity(scope, {
          customerId: customer.id,
          kind,
          raw,
          region: actor.workspaceRegion,
          field: `${field}.${i}`,
        });
      }
    }
    return getCustomer(scope, customer.id);
  });
}

export async function getCustomer(scope: TenantScope, id: string) {
  const customer = await findCustomer(scope, id);
  if (!customer) throw customerNotFound();
  const identities = await identitiesOf(scope, [id]);
  return presentCustomer(customer, identities);
}

export function presentCustomer(
  c: { id: string; name: string; organization: string | null; createdAt: Date },
  identities: Array<{
    id: string;
    customerId: string;
    kind: IdentityKind;
    value: string;
    display: string;
    undeliverable: string | null;
  }>,
) {
  return {
    id: c.id,
    name: c.name,
    organization: c.organization,
    createdAt: c.createdAt.toISOString(),
    identities: identities.filter((i) => i.customerId === c.id).map(({ customerId: _c, ...i }) => i),
  };
}

export async function changeCustomer(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; organization?: string | null | undefined },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (!(await findCustomer(scope, id, { lock: true }))) throw customerNotFound();
    await updateCustomer(scope, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.organization !== undefined ? { organization: patch.organization } : {}),
    });
    return getCustomer(scope, id);
  });
}

export async function addIdentity(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { kind: IdentityKind; value: string },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (!(await findCustomer(scope, id, { lock: true }))) throw customerNotFound();
    const { value, added } = await attachIdentity(scope, {
      customerId: id,
      kind: input.kind,
      raw: input.value,
      region: actor.workspaceRegion,
      field: "value",
    });
    if (added) {
      await appendEvent(scope, {
        customerId: id,
        kind: "identity.added",
        data: { kind: input.kind, value },
        doer: doerOf(actor),
      });
    }
    return getCustomer(scope, id);
  });
}

export async function removeIdentity(ctx: Ctx, actor: Actor, id: string, identityId: string) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (!(await findCustomer(scope, id, { lock: true }))) throw customerNotFound();
    if (!(await deleteIdentity(scope, id, identityId)))
      throw new AppError("not_found", "Identity was not found");
  });
}

/**
 * Records what we now know. An unchanged value is not recorded twice; a changed one
 * supersedes the old, which stays in the history with who recorded it and where from.
 */
export async function recordFact(
  ctx: Ctx,
  actor: Actor | Doer,
  workspaceId: string,
  customerId: string,
  input: { key: string; value: unknown; caseId?: string | undefined; channel?: string | undefined },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, workspaceId);
    if (!(await findCustomer(scope, customerId, { lock: true }))) throw customerNotFound();
    if (input.caseId) {
      const owned = await scope
        .selectFrom("cases")
        .select("id")
        .where("id", "=", input.caseId)
        .where("customer_id", "=", customerId)
        .executeTakeFirst();
      if (!owned) throw new AppError("validation_failed", "caseId is not a case of this customer", "caseId");
    }
    const doer = "userId" in actor ? { userId: actor.userId, name: actor.name } : actor;
    const previous = await currentFact(scope, customerId, input.key);
    if (previous && JSON.stringify(previous.value) === JSON.stringify(input.value))
      return presentFact(previous);
    if (previous) await supersedeFact(scope, previous.id);
    const fact = await insertFact(scope, {
      customerId,
      key: input.key,
      value: input.value,
      recordedBy: doer.userId,
      recordedByName: doer.name,
      sourceCaseId: input.caseId ?? null,
      sourceChannel: input.channel ?? (input.caseId ? null : "api"),
    });
    await appendEvent(scope, {
      customerId,
      caseId: input.caseId ?? null,
      kind: "fact.recorded",
      data: { key: input.key, value: input.value, ...(previous ? { previous: previous.value } : {}) },
      doer,
    });
    return presentFact(fact);
  });
}

/** Devices are keyed by serial: a known serial on the same customer updates its firmware. */
export async function addDevice(
  ctx: Ctx,
  actor: Actor,
  customerId: string,
  input: { model: string; serial: string; firmware?: string | undefined },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (!(await findCustomer(scope, customerId, { lock: true }))) throw customerNotFound();
    const existing = await findDeviceBySerial(scope, input.serial);
    if (existing && existing.customerId !== customerId) {
      throw new AppError("conflict", `Serial ${input.serial} is registered to another customer`, "serial");
    }
    if (existing) {
      if (input.firmware && input.firmware !== existing.firmware) {
        await updateDeviceFirmware(scope, existing.id, input.firmware);
      }
      return {
        device: presentDevice({ ...existing, firmware: input.firmware ?? existing.firmware }),
        created: false,
      };
    }
    const device = await insertDevice(scope, {
      customerId,
      model: input.model,
      serial: input.serial,
      firmware: input.firmware ?? null,
    });
    await appendEvent(scope, {
      customerId,
      kind: "device.added",
      data: { deviceId: device.id, model: device.model, serial: device.serial },
      doer: doerOf(actor),
    });
    return { device: presentDevice(device), created: true };
  });
}

/**
 * Ties a portal login to its customer record: the one already linked, else the customer who
 * owns that email address, else a new customer. Run when a customer signs in by link.
 */
export async function linkCustomerForUser(
  scope: TenantScope,
  user: { id: string; email: string; name: string },
) {
  const linked = await scope
    .selectFrom("customers")
    .select("id")
    .where("user_id", "=", user.id)
    .where("merged_into", "is", null)
    .executeTakeFirst();
  if (linked) return linked.id;
  const email = user.email.toLowerCase();
  const owner = await findIdentityOwner(scope, "email", email);
  if (owner) {
    await updateCustomer(scope, owner.customerId, { userId: user.id });
    return owner.customerId;
  }
  const created = await insertCustomer(scope, {
    name: user.name || email,
    organization: null,
    userId: user.id,
  });
  await insertIdentity(scope, { customerId: created.id, kind: "email", value: email, display: user.email });
  return created.id;
}
