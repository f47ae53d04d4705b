import { createHash } from 'node:crypto';
import { version } from '../package.json';
import { buildAccess, buildAccessControl, type AccessControl, type AccessModule } from './features/access';
import { buildAutoscalePolicies, type AutoscalePoliciesModule } from './features/autoscalePolicies';
import { buildAudit, buildAuditStore, type AuditModule, type AuditStore } from './features/audit';
import { autoscaleSnapshotOf, buildAutoscale, type AutoscaleMessage, type AutoscaleModule } from './features/autoscale';
import { buildClusterHealth, queryPoolMetrics, type ClusterHealthModule } from './features/clusterHealth';
import { buildClusters, type ClustersModule } from './features/clusters';
import { buildGuardrails, type GuardrailsModule } from './features/guardrails';
import { buildHealth } from './features/health';
import { IdempotencyStore } from './features/idempotency';
import { buildInventoryModule, type InventoryModule } from './features/inventory';
import { buildLogs, type LogsModule } from './features/logs';
import { buildOpenApi } from './features/openapi';
import { buildOperations, type OperationsModule } from './features/operations';
import { buildWebhooks, type WebhooksModule } from './features/webhooks';
import {
  buildUpdateRuns,
  buildUpdateRunsEngine,
  selectInventoryByTags,
  UpdateRunStore,
  type UpdateRunsEngine,
  type UpdateRunsModule,
} from './features/updateRuns';
import { buildWebhookEvents, type WebhookEventsModule } from './features/webhookEvents';
import { ArmClients, type ArmClientOptions } from './platform/arm/armClients';
import { withArmDeadline } from './platform/arm/armDeadline';
import { HttpPipeline, type HttpHandlers } from './platform/http/handleHttp';
import { LogAnalyticsWorkspaces } from './platform/monitor/logAnalyticsWorkspaces';
import { LogsClient } from './platform/monitor/logsClient';
import { RegionalMetricsClient } from './platform/monitor/metricsClient';
import { startTelemetry } from './platform/observability/activeTelemetry';
import { systemClock, virtualClock, type Clock } from './platform/clock/clock';
import { fleetSubscriptions, parseSettings, type Settings } from './platform/settings/settings';
import { SecretKeyRing } from './platform/secrets/secretEnvelope';
import { StorageAccount } from './platform/storage/storageAccount';
import type { HostResolver } from './platform/outbound/guardedLookup';
import type { EmitFleetEvent } from './domain/events';

/**
 * The one composition root. It alone reads the environment (once, validated), and it builds each module once
 * per process, on first use: a Functions worker reuses them across invocations, and a cold start pays only for
 * what its first request needs. Functions register triggers and hand every invocation to `fleetplane()`.
 */
export interface Fleetplane {
  readonly settings: Settings;
  readonly storage: StorageAccount;
  readonly arm: ArmClients;
  readonly access: AccessModule;
  readonly audit: AuditModule;
  readonly clusters: ClustersModule;
  readonly operations: OperationsModule;
  readonly inventory: InventoryModule;
  readonly logs: LogsModule;
  readonly clusterHealth: ClusterHealthModule;
  readonly autoscale: AutoscaleModule;
  readonly guardrails: GuardrailsModule;
  readonly webhooks: WebhooksModule;
  readonly updateRuns: UpdateRunsModule;
  readonly autoscalePolicies: AutoscalePoliciesModule;
  readonly webhookEvents: WebhookEventsModule;
  readonly updateRunsEngine: UpdateRunsEngine;
  readonly health: { http: HttpHandlers };
  readonly openapi: { http: HttpHandlers };
}

// While the worker loads the function modules, before any client exists: telemetry only with a connection string.
startTelemetry({ connectionString: process.env.APPLICATIONINSIGHTS_CONNECTION_STRING });

let current: Fleetplane | undefined;

/** Bound on the rows each retention timer deletes per table and run (hourly runs catch up on a backlog). */
const RETENTION_ROWS_PER_RUN = 2_000;

/**
 * The keys that seal webhook signing secrets. Azure mode requires `FLEETPLANE_WEBHOOK_SECRET_KEY` (settings refuse
 * to start without it); local mode falls back to a fixed, public development key, the same in every local host.
 */
function webhookSecretKeys(settings: Settings): SecretKeyRing {
  const current = settings.FLEETPLANE_WEBHOOK_SECRET_KEY ?? {
    id: 'local-dev',
    key: createHash('sha256').update('fleetplane local development webhook secret key').digest(),
  };
  return new SecretKeyRing(current, settings.FLEETPLANE_WEBHOOK_SECRET_PREVIOUS_KEYS ?? []);
}

/** This process's Fleetplane, built from the environment on first use. */
export function fleetplane(): Fleetplane {
  current ??= buildFleetplane(parseSettings(process.env));
  return current;
}

export interface BuildOptions {
  /** Tests turn ARM retries down so that injected faults surface at once. */
  arm?: ArmClientOptions;
  /** Likewise for Log Analytics queries. */
  logs?: { maxRetries?: number };
  /** Likewise for Azure Monitor metrics. */
  metrics?: { maxRetries?: number };
  /** Tests resolve receiver names themselves (a name that resolves to loopback) and trust a test CA. */
  webhooks?: { resolver?: HostResolver; ca?: string };
}

/** Wires every module over one storage account and one set of ARM clients; each is built when first read. */
export function buildFleetplane(settings: Settings, options: BuildOptions = {}): Fleetplane {
  const storage = new StorageAccount(settings);
  const table = (name: string) => storage.tableClient(`${settings.FLEETPLANE_TABLE_PREFIX}${name}`);
  const publicBaseUrl = settings.FLEETPLANE_PUBLIC_BASE_URL;
  const subscriptions = () => fleetSubscriptions(settings);
  // Scheduled work takes "now" from here: the emulator's virtual clock in local tests, else the system clock.
  const clock: Clock = settings.FLEETPLANE_VIRTUAL_CLOCK_URL
    ? virtualClock(settings.FLEETPLANE_VIRTUAL_CLOCK_URL)
    : systemClock;
  const updateRunStore = once(() => new UpdateRunStore(table('updateruns')));

  const arm = once(() => new ArmClients(settings, options.arm));
  // One of each per process: the workspace ids they cache and the SDK clients they hold serve every feature.
  const workspaces = once(() => new LogAnalyticsWorkspaces(arm()));
  const logsClient = once(() => new LogsClient(settings, () => arm().credential, options.logs));
  const metrics = once(() => new RegionalMetricsClient(settings, () => arm().credential, options.metrics));
  const accessControl = once((): AccessControl =>
    buildAccessControl({ settings, roleBindingsTable: table('rolebindings') }),
  );
  const auditStore = once((): AuditStore => buildAuditStore(table('audit')));
  const http = once(
    () =>
      new HttpPipeline({
        logLevel: settings.FLEETPLANE_LOG_LEVEL,
        authenticate: (request) => accessControl().authenticate(request),
        decide: (caller, verb, resource, scope) => accessControl().decide(caller, verb, resource, scope),
        recordAudit: async (event, reservation) => {
          await auditStore().record(event, reservation);
        },
        withinDeadline: (work) =>
          withArmDeadline(Date.now() + settings.FLEETPLANE_HTTP_ARM_DEADLINE_MS, work),
        reserveAudit: (event) => auditStore().reserve(event),
      }),
  );
  const webhooks = once((): WebhooksModule =>
    buildWebhooks({
      tables: {
        subscriptions: table('webhooksubscriptions'),
        events: table('webhookevents'),
        deliveries: table('webhookdeliveries'),
      },
      queue: storage.queue(settings.FLEETPLANE_WEBHOOK_DELIVERY_QUEUE),
      http: http(),
      decide: (caller, verb, resource, scope) => accessControl().decide(caller, verb, resource, scope),
      sender: {
        policy: { allowLoopback: settings.FLEETPLANE_MODE === 'local' },
        connectTimeoutMs: settings.FLEETPLANE_WEBHOOK_CONNECT_TIMEOUT_MS,
        totalTimeoutMs: settings.FLEETPLANE_WEBHOOK_TIMEOUT_MS,
        ...(options.webhooks?.resolver ? { resolver: options.webhooks.resolver } : {}),
        ...(options.webhooks?.ca ? { ca: options.webhooks.ca } : {}),
      },
      retryPolicy: {
        baseDelaySeconds: settings.FLEETPLANE_WEBHOOK_RETRY_BASE_SECONDS,
        maxDelaySeconds: settings.FLEETPLANE_WEBHOOK_RETRY_MAX_DELAY_SECONDS,
        giveUpAfterSeconds: settings.FLEETPLANE_WEBHOOK_RETRY_FOR_SECONDS,
      },
      secretOverlapMs: settings.FLEETPLANE_WEBHOOK_SECRET_OVERLAP_HOURS * 3_600_000,
      secretKeys: webhookSecretKeys(settings),
      retention: {
        retentionMs: settings.FLEETPLANE_WEBHOOK_RETENTION_DAYS * 86_400_000,
        eventGraceMs: settings.FLEETPLANE_WEBHOOK_RETRY_FOR_SECONDS * 1_000 + 86_400_000,
        maxRowsPerRun: RETENTION_ROWS_PER_RUN,
      },
      source: publicBaseUrl ?? 'urn:fleetplane',
      publicBaseUrl,
      logLevel: settings.FLEETPLANE_LOG_LEVEL,
    }),
  );
  /** Every feature emits Fleetplane events through this port: the webhook outbox stores them before delivery. */
  const emitEvent: EmitFleetEvent = (event) => webhooks().emitEvent(event);
  const operations = once((): OperationsModule =>
    buildOperations({
      table: table('operations'),
      queue: storage.queue(settings.FLEETPLANE_OPERATIONS_QUEUE),
      arm: arm(),
      http: http(),
      logLevel: settings.FLEETPLANE_LOG_LEVEL,
      submissionGraceMs: settings.FLEETPLANE_SUBMISSION_GRACE_MS,
      emitEvent,
      // The operations queue is the one poller of ARM: the end of a run's operation advances the run at once.
      onOperationEnded: (record): Promise<void> => modules.updateRunsEngine().onOperationEnded(record),
    }),
  );
  const guardrails = once(() =>
    buildGuardrails({
      guardrailsTable: table('guardrails'),
      calendarTable: table('supportcalendar'),
      http: http(),
    }),
  );
  const modules = {
    access: once(() => buildAccess({ control: accessControl(), http: http() })),
    audit: once(() => buildAudit({ store: auditStore(), http: http(), publicBaseUrl })),
    operations,
    guardrails,
    webhooks,
    clusters: once((): ClustersModule =>
      buildClusters({
        arm: arm(),
        operations: operations().runner,
        operationStore: operations().store,
        idempotency: new IdempotencyStore(table('idempotency')),
        guardrails: guardrails().guardrails,
        settings,
        http: http(),
      }),
    ),
    inventory: once((): InventoryModule =>
      buildInventoryModule({
        table: table('inventory'),
        arm: arm(),
        subscriptions,
        supportCalendar: async () => (await guardrails().calendar.get()).calendar,
        roleBindings: async () => ({
          bindings: await accessControl().allBindings(),
          options: accessControl().options,
        }),
        publicBaseUrl,
        http: http(),
        logLevel: settings.FLEETPLANE_LOG_LEVEL,
        versionCatalogue: (subscriptionId, location) =>
          modules.clusters().dependencies.catalogues.get(subscriptionId, location),
      }),
    ),
    webhookEvents: once((): WebhookEventsModule =>
      buildWebhookEvents({
        table: table('inboundevents'),
        queue: storage.queue(settings.FLEETPLANE_WEBHOOKS_INBOUND_QUEUE),
        fleetSubscriptions: subscriptions,
        http: http(),
        logLevel: settings.FLEETPLANE_LOG_LEVEL,
        retention: {
          dedupeMs: settings.FLEETPLANE_WEBHOOKS_INBOUND_DEDUPE_HOURS * 3_600_000,
          unprocessedMs: settings.FLEETPLANE_WEBHOOK_RETENTION_DAYS * 86_400_000,
          maxRowsPerRun: RETENTION_ROWS_PER_RUN,
        },
        ports: {
          refreshCluster: async (clusterResourceId) => {
            await modules.inventory().refreshCluster(clusterResourceId);
          },
          refreshVersionCatalogues: () => Promise.resolve(modules.clusters().invalidateVersionCatalogues()),
          isRegisteredCluster: (clusterResourceId) => modules.inventory().hasCluster(clusterResourceId),
          emitEvent,
          onNodePoolRollingEvent: (input) => modules.updateRunsEngine().onNodePoolRollingEvent(input),
          onAlert: (input) => modules.updateRunsEngine().onAlert(input),
          requestEvaluation: (input) => modules.autoscale().requestEvaluation(input),
        },
      }),
    ),
    logs: once(() => {
      return buildLogs({
        containerService: (subscriptionId) => arm().containerService(subscriptionId),
        workspaceCustomerId: (workspaceResourceId) => workspaces().customerIdOf(workspaceResourceId),
        queryWorkspace: (workspaceId, query, range) => logsClient().queryWorkspace(workspaceId, query, range),
        queryResource: (resourceId, query, timespan) =>
          logsClient().queryResource(resourceId, query, timespan),
        decide: (caller, verb, resource, scope) => accessControl().decide(caller, verb, resource, scope),
        roleBindings: async () => ({
          bindings: await accessControl().allBindings(),
          options: accessControl().options,
        }),
        recordAudit: async (event) => {
          await auditStore().record(event);
        },
        now: () => new Date(),
        publicBaseUrl,
        http: http(),
      });
    }),
    clusterHealth: once((): ClusterHealthModule => {
      return buildClusterHealth({
        containerService: (subscriptionId) => arm().containerService(subscriptionId),
        queryMetrics: (region, resourceIds, metricNames, namespace, queryOptions) =>
          metrics().queryResources(region, resourceIds, metricNames, namespace, queryOptions),
        workspaceCustomerId: (workspaceResourceId) => workspaces().customerIdOf(workspaceResourceId),
        queryLogsBatch: (queries) => logsClient().queryBatch(queries),
        visibleClusters: (call, query) => modules.inventory().visibleClusters(call, query),
        now: () => new Date(),
        http: http(),
      });
    }),
    updateRuns: once((): UpdateRunsModule => {
      return buildUpdateRuns({
        store: updateRunStore(),
        containerService: (subscriptionId) => arm().containerService(subscriptionId),
        network: (subscriptionId) => arm().network(subscriptionId),
        versionCatalogue: (subscriptionId, location) =>
          modules.clusters().dependencies.catalogues.get(subscriptionId, location),
        regionCapacity: (subscriptionId, location) =>
          modules.clusters().dependencies.capacities.get(subscriptionId, location),
        activeOperations: async () =>
          (await operations().store.active()).map((operation) => ({
            id: operation.value.id,
            target: operation.value.target,
          })),
        workspaceCustomerId: (workspaceResourceId) => workspaces().customerIdOf(workspaceResourceId),
        queryWorkspace: (workspaceId, query, range) => logsClient().queryWorkspace(workspaceId, query, range),
        selectClustersByTags: (tags) =>
          selectInventoryByTags((token) => modules.inventory().store.page('', 1000, token), tags),
        kickRun: (runId, delaySeconds) => modules.updateRunsEngine().kickRun(runId, delaySeconds),
        requestPreflight: (runId, preflightId) => modules.updateRunsEngine().requestPreflight(runId, preflightId),
        clock,
        publicBaseUrl,
        http: http(),
      });
    }),
    autoscale: once((): AutoscaleModule => {
      return buildAutoscale({
        subscriptions,
        containerService: (subscriptionId) => arm().containerService(subscriptionId),
        policies: {
          anyEnabled: () => modules.autoscalePolicies().anyPolicyEnabled(),
          forPools: (pools, now) => modules.autoscalePolicies().policiesFor(pools, now),
        },
        inventorySnapshot: async (subscriptionId) => autoscaleSnapshotOf(await modules.inventory().snapshotOf(subscriptionId)),
        inventoryMaxAgeSeconds: settings.FLEETPLANE_AUTOSCALE_INVENTORY_MAX_AGE_SECONDS,
        queryPoolMetrics: (targets, window) =>
          queryPoolMetrics(
            {
              queryMetrics: (region, ids, names, namespace, queryOptions) =>
                metrics().queryResources(region, ids, names, namespace, queryOptions),
            },
            targets,
            window,
          ),
        queryMetrics: (region, ids, names, namespace, queryOptions) => metrics().queryResources(region, ids, names, namespace, queryOptions),
        workspaceCustomerId: (workspaceResourceId) => workspaces().customerIdOf(workspaceResourceId),
        queryLogsBatch: (queries) => logsClient().queryBatch(queries),
        clustersInUpdateRun: () => modules.updateRunsEngine().clustersInUpdateRun(),
        runner: operations().runner,
        clock,
        emitEvent,
        queue: storage.queue<AutoscaleMessage>(settings.FLEETPLANE_AUTOSCALE_QUEUE),
        stateTable: table('autoscale'),
        decisionsTable: table('autoscaledecisions'),
        cycleSeconds: settings.FLEETPLANE_AUTOSCALE_CYCLE_SECONDS,
        http: http(),
        logLevel: settings.FLEETPLANE_LOG_LEVEL,
        publicBaseUrl,
      });
    }),
    autoscalePolicies: once(() =>
      buildAutoscalePolicies({
        table: table('autoscalepolicies'),
        http: http(),
        containerService: (subscriptionId) => arm().containerService(subscriptionId),
        now: () => new Date(),
        // A policy stored enabled starts an idle cycle now; if that fails the policy stands and the
        // autoscaleRepair timer starts the cycle within 5 minutes.
        policyEnabled: (): Promise<void> => modules.autoscale().ensureCycleRunning().catch(() => undefined),
      }),
    ),
    updateRunsEngine: once((): UpdateRunsEngine =>
      buildUpdateRunsEngine({
        store: updateRunStore(),
        queue: storage.queue(settings.FLEETPLANE_UPDATERUNS_QUEUE),
        runner: operations().runner,
        readOperation: async (operationId) => (await operations().store.get(operationId))?.value,
        containerService: (subscriptionId) => arm().containerService(subscriptionId),
        assessHealth: (clusters, window, now) => modules.clusterHealth().assessClusters(clusters, window, now),
        workspaceCustomerId: (workspaceResourceId) => workspaces().customerIdOf(workspaceResourceId),
        queryLogsBatch: (queries) => logsClient().queryBatch(queries),
        preflight: (message, log) => modules.updateRuns().preflight(message, log),
        emitEvent,
        recordAudit: async (event) => {
          await auditStore().record(event);
        },
        clock,
        logLevel: settings.FLEETPLANE_LOG_LEVEL,
        pollSeconds: settings.FLEETPLANE_UPDATERUNS_POLL_SECONDS,
      }),
    ),
    health: once(() =>
      buildHealth({
        settings,
        storage,
        arm,
        http: http(),
        authenticate: (request) => accessControl().authenticate(request),
        decide: (caller, verb, resource, scope) => accessControl().decide(caller, verb, resource, scope),
      }),
    ),
    openapi: once(() => buildOpenApi({ http: http(), version })),
  };
  return lazily({ settings: () => settings, storage: () => storage, arm, ...modules });
}

/** An object whose properties are built on first read, each once. */
function lazily<T extends Record<string, () => unknown>>(
  builders: T,
): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const view = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const key of Object.keys(builders) as (keyof T)[])
    Object.defineProperty(view, key, { get: builders[key], enumerable: true });
  return view;
}

function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
