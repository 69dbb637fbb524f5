import type { TenantScope } from "../../platform/db/tenant.ts";

const deviceColumns = [
  "id",
  "customer_id as customerId",
  "model",
  "serial",
  "firmware",
  "created_at as createdAt",
] as const;

export async function devicesOf(scope: TenantScope, customerId: string) {
  return scope
    .selectFrom("devices")
    .select(deviceColumns)
    .where("customer_id", "=", customerId)
    .orderBy("created_at")
    .execute();
}

export async function findDevice(scope: TenantScope, id: string) {
  return scope.selectFrom("devices").select(deviceColumns).where("id", "=", id).executeTakeFirst();
}

export async function findDeviceBySerial(scope: TenantScope, serial: string) {
  return scope.selectFrom("devices").select(deviceColumns).where("serial", "=", serial).executeTakeFirst();
}

export async function insertDevice(
  scope: TenantScope,
  input: { customerId: string; model: string; serial: string; firmware: string | null },
) {
  return scope
    .insertInto("devices", {
      customer_id: input.customerId,
      model: input.model,
      serial: input.serial,
      firmware: input.firmware,
    })
    .returning(deviceColumns)
    .executeTakeFirstOrThrow();
}

export async function updateDeviceFirmware(scope: TenantScope, id: string, firmware: string) {
  await scope.updateTable("devices").set({ firmware, updated_at: new Date() }).where("id", "=", id).execute();
}

export type DeviceRow = Awaited<ReturnType<typeof devicesOf>>[number];
export const presentDevice = (d: DeviceRow) => ({ ...d, createdAt: d.createdAt.toISOString() });
