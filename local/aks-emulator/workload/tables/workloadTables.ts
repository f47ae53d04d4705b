import { ArmError } from '../../errors';
import { auditAdminRows, auditRows } from './auditRows';
import { containerLogRows } from './containerLogRows';
import { controlPlaneRows } from './controlPlaneRows';
import { kubeNodeInventoryRows, kubePodInventoryRows } from './inventoryRows';
import { kubeEventRows } from './kubeEventRows';
import { perfRows } from './perfRows';
import type { TableContext } from './tableContext';
import type { Row, TableName } from './tableSchemas';
import { TABLE_SCHEMAS } from './tableSchemas';

/** The rows each Log Analytics table would hold for a cluster over a time range, as plain data. */

const GENERATORS: Record<TableName, (ctx: TableContext) => Row[]> = {
  ContainerLogV2: containerLogRows,
  KubePodInventory: kubePodInventoryRows,
  KubeNodeInventory: kubeNodeInventoryRows,
  KubeEvents: kubeEventRows,
  Perf: perfRows,
  AKSControlPlane: controlPlaneRows,
  AKSAudit: auditRows,
  AKSAuditAdmin: auditAdminRows,
};

export const TABLE_NAMES = Object.keys(TABLE_SCHEMAS) as TableName[];

/** At most one day of rows per call (a busy cluster writes hundreds of thousands of rows a day). */
export const MAX_TABLE_RANGE_MS = 86_400_000;

export function tableRows(ctx: TableContext, table: string): Row[] {
  const name = TABLE_NAMES.find((t) => t.toLowerCase() === table.toLowerCase());
  if (!name) throw new ArmError(404, 'NotFound', `Unknown table '${table}'. Tables: ${TABLE_NAMES.join(', ')}.`);
  if (!(ctx.toMs > ctx.fromMs) || ctx.toMs - ctx.fromMs > MAX_TABLE_RANGE_MS) {
    throw new ArmError(400, 'InvalidRequestContent', 'The time range must be non-empty and at most one day long.');
  }
  return GENERATORS[name](ctx);
}
