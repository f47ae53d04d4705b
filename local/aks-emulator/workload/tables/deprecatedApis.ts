import { compareVersions } from '../../catalogue/versions';

/**
 * Kubernetes API versions that are deprecated or no longer served (Kubernetes' deprecated API migration guide).
 * The audit log marks calls to a deprecated, still-served version; a removed version answers 404.
 */
export interface ApiDeprecation {
  group: string;
  version: string;
  resources: readonly string[];
  deprecatedIn: string;
  removedIn?: string;
}

export const API_DEPRECATIONS: readonly ApiDeprecation[] = [
  { group: '', version: 'v1', resources: ['componentstatuses'], deprecatedIn: '1.19' },
  { group: 'policy', version: 'v1beta1', resources: ['poddisruptionbudgets', 'podsecuritypolicies'], deprecatedIn: '1.21', removedIn: '1.25' },
  { group: 'batch', version: 'v1beta1', resources: ['cronjobs'], deprecatedIn: '1.21', removedIn: '1.25' },
  { group: 'autoscaling', version: 'v2beta2', resources: ['horizontalpodautoscalers'], deprecatedIn: '1.23', removedIn: '1.26' },
  { group: 'storage.k8s.io', version: 'v1beta1', resources: ['csistoragecapacities'], deprecatedIn: '1.24', removedIn: '1.27' },
  { group: 'flowcontrol.apiserver.k8s.io', version: 'v1beta2', resources: ['flowschemas', 'prioritylevelconfigurations'], deprecatedIn: '1.26', removedIn: '1.29' },
  { group: 'flowcontrol.apiserver.k8s.io', version: 'v1beta3', resources: ['flowschemas', 'prioritylevelconfigurations'], deprecatedIn: '1.29', removedIn: '1.32' },
];

export function deprecationOf(group: string, version: string, resource: string): ApiDeprecation | undefined {
  return API_DEPRECATIONS.find((d) => d.group === group && d.version === version && d.resources.includes(resource));
}

const minorOf = (kubernetesVersion: string): string => kubernetesVersion.split('.').slice(0, 2).join('.');

/** How a server on `kubernetesVersion` treats a call to this API version. */
export function apiStatus(deprecation: ApiDeprecation | undefined, kubernetesVersion: string): 'current' | 'deprecated' | 'removed' {
  if (!deprecation) return 'current';
  const minor = minorOf(kubernetesVersion);
  if (deprecation.removedIn !== undefined && compareVersions(minor, deprecation.removedIn) >= 0) return 'removed';
  return compareVersions(minor, deprecation.deprecatedIn) >= 0 ? 'deprecated' : 'current';
}
