import { AccessControl } from './features/access/accessControl';
import { RoleBindingStore } from './features/access/roleBindingStore';
import { ArmClients } from './platform/arm/armClients';
import { AuditStore } from './features/audit/auditStore';
import { parseSettings, type Settings } from './platform/settings/settings';
import { IdempotencyStore } from './features/idempotency/idempotencyStore';
import { ArmOperationRunner } from './features/operations/armOperationRunner';
import { OperationStore } from './features/operations/operationStore';
import { StorageAccount } from './platform/storage/storageAccount';

/** Everything a function needs, built once per process (a Functions worker reuses it across invocations). */
export interface Services {
  settings: Settings;
  storage: StorageAccount;
  arm: ArmClients;
  access: AccessControl;
  audit: AuditStore;
  operations: ArmOperationRunner;
  operationStore: OperationStore;
  idempotency: IdempotencyStore;
}

let current: Services | undefined;

export function services(): Services {
  current ??= buildServices(parseSettings(process.env));
  return current;
}

export function buildServices(settings: Settings): Services {
  const storage = new StorageAccount(settings);
  const table = (name: string) => storage.tableClient(`${settings.FLEETPLANE_TABLE_PREFIX}${name}`);
  const arm = new ArmClients(settings);
  const operationStore = new OperationStore(table('operations'));
  return {
    settings,
    storage,
    arm,
    access: new AccessControl(settings, new RoleBindingStore(table('rolebindings'))),
    audit: new AuditStore(table('audit')),
    operations: new ArmOperationRunner(operationStore, arm),
    operationStore,
    idempotency: new IdempotencyStore(table('idempotency')),
  };
}
