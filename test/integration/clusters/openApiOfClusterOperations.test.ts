import { describe, expect, it } from 'vitest';
import type { ApiOperation } from '../../../shared/platform/http/apiOperation';
import * as clustersApi from '../../../shared/features/clusters/clusters.api';
import { getGuardrails, putGuardrails } from '../../../shared/features/guardrails/guardrails.api';
import * as nodePoolsApi from '../../../shared/features/clusters/nodePools.api';
import { buildOpenApiDocument } from '../../../shared/platform/http/openApiDocument';
import { getOperation } from '../../../shared/features/operations/operations.api';

const clusterOperations: ApiOperation[] = [
  clustersApi.putCluster,
  clustersApi.getCluster,
  clustersApi.patchCluster,
  clustersApi.deleteCluster,
  clustersApi.startCluster,
  clustersApi.stopCluster,
  clustersApi.getUpgradeProfile,
  clustersApi.listKubernetesVersions,
  nodePoolsApi.listNodePools,
  nodePoolsApi.getNodePool,
  nodePoolsApi.putNodePool,
  nodePoolsApi.patchNodePool,
  nodePoolsApi.deleteNodePool,
  getOperation,
  getGuardrails,
  putGuardrails,
] as ApiOperation[];

describe('OpenAPI of the cluster lifecycle operations', () => {
  it('documents every path and method, with the ARM naming rules of the path parameters', () => {
    const document = buildOpenApiDocument(clusterOperations, 'test') as {
      paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string; schema: { pattern?: string } }[] }>>;
    };
    const operations = Object.entries(document.paths).flatMap(([route, methods]) =>
      Object.entries(methods).map(([method, operation]) => `${method.toUpperCase()} ${route} ${operation.operationId}`),
    );
    expect(operations).toHaveLength(clusterOperations.length);
    expect(operations).toContain('PUT /api/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/clusters/{clusterName} putCluster');
    expect(operations).toContain('GET /api/operations/{operationId} getOperation');
    const put = document.paths['/api/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/clusters/{clusterName}']!.put!;
    const clusterName = put.parameters?.find((parameter) => parameter.name === 'clusterName');
    expect(clusterName?.schema.pattern).toBeDefined();
    expect(put.parameters?.map((parameter) => `${parameter.in}:${parameter.name}`)).toContain('query:dryRun');
  });
});
