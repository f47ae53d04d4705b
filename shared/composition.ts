import { AccessControl } from './access/accessControl';
import { RoleBindingStore } from './access/roleBindingStore';
import { ArmClients } from './adapters/arm/armClients';
import { AuditStore } from './audit/auditStore';
import { parseSettings, type Settings } from './config/settings';
import { IdempotencyStore } from './idempotency/idempotencyStore';
import { ArmOperationRunner } from './operations/armOperationRunner';
import { OperationStore } from './operations/operationStore';
import { StorageAccount } from './storage/storageAccount';

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
