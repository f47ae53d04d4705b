import type { ClusterState } from '../model';
import type { WorkloadView } from '../workload/workloadSnapshot';
import { nodeObjects, pdbObjects, podObjects } from './kubectlObjects';

/** What a command printed and how it ended, as the run-command pod reports it. */
export interface CommandOutcome {
  exitCode: number;
  logs: string;
}

type ObjectsOf = (view: WorkloadView, cluster: ClusterState) => Record<string, unknown>[];

/** kubectl's names (and short names) of the resource types the emulator can list. */
const RESOURCE_TYPES: Record<string, ObjectsOf> = {
  pdb: pdbObjects,
  pdbs: pdbObjects,
  poddisruptionbudget: pdbObjects,
  poddisruptionbudgets: pdbObjects,
  'poddisruptionbudgets.policy': pdbObjects,
  po: podObjects,
  pod: podObjects,
  pods: podObjects,
  no: (view) => nodeObjects(view),
  node: (view) => nodeObjects(view),
  nodes: (view) => nodeObjects(view),
};

const ALL_NAMESPACES = ['-A', '--all-namespaces', '--all-namespaces=true'];
const JSON_OUTPUT = ['-ojson', '-o=json', '--output=json'];
const OUTPUT_FLAGS = ['-o', '--output'];

/** `-A` and `-o json` in any order and spelling; anything else is a flag the emulator does not simulate. */
function readFlags(words: readonly string[]): { allNamespaces: boolean; json: boolean; other: boolean } {
  const flags = { allNamespaces: false, json: false, other: false };
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    if (ALL_NAMESPACES.includes(word)) flags.allNamespaces = true;
    else if (JSON_OUTPUT.includes(word)) flags.json = true;
    else if (OUTPUT_FLAGS.includes(word) && words[i + 1] === 'json') {
      flags.json = true;
      i += 1;
    } else flags.other = true;
  }
  return flags;
}

/**
 * Runs what the emulator can answer: `kubectl get <types> -A -o json` over PDBs, pods and nodes (one List, as kubectl
 * prints several types). Anything else fails as the run-command pod's shell or kubectl would.
 */
export function runKubectl(command: string, view: WorkloadView, cluster: ClusterState): CommandOutcome {
  const words = command.trim().split(/\s+/);
  const program = words[0] ?? '';
  if (program !== 'kubectl') return { exitCode: 127, logs: `/bin/sh: 1: ${program}: not found\n` };
  if (words[1] !== 'get') return unsupported(command);
  const flags = readFlags(words.slice(3));
  if (!flags.allNamespaces || !flags.json || flags.other) return unsupported(command);
  const types = (words[2] ?? '').split(',');
  const unknown = types.find((type) => !(type.toLowerCase() in RESOURCE_TYPES));
  if (unknown !== undefined) return { exitCode: 1, logs: `error: the server doesn't have a resource type "${unknown}"\n` };
  const items = types.flatMap((type) => RESOURCE_TYPES[type.toLowerCase()]!(view, cluster));
  return { exitCode: 0, logs: `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } }, null, 4)}\n` };
}

/** A real cluster would run it; the emulator has no API server behind the simulation, so it says so plainly. */
function unsupported(command: string): CommandOutcome {
  return { exitCode: 1, logs: `aks-emulator: only "kubectl get <pdb|pods|nodes>[,…] -A -o json" is simulated; not "${command.slice(0, 200)}"\n` };
}
