/**
 * Which stage and group each member belongs to: groups are read in strategy order and a member goes to the first
 * group whose selection takes it (explicit ids, or every tag of a selector); a group without a selection takes
 * every member left. A member no group takes is reported, never silently dropped.
 */

export interface GroupSelection {
  clusterIds?: readonly string[];
  tagSelector?: Readonly<Record<string, string>>;
}

export interface AssignableStage {
  name: string;
  groups: readonly { name: string; members?: GroupSelection }[];
}

export interface AssignableMember {
  clusterId: string;
  tags: Readonly<Record<string, string>>;
}

export interface Assignment {
  /** Lower-case cluster id → its place. */
  placeOf: Map<string, { stage: string; group: string }>;
  unassigned: string[];
}

/** Tag names compare case-insensitively (as ARM treats them), values exactly. */
export function hasTags(tags: Readonly<Record<string, string>>, selector: Readonly<Record<string, string>>): boolean {
  const lowered = new Map(Object.entries(tags).map(([name, value]) => [name.toLowerCase(), value]));
  return Object.entries(selector).every(([name, value]) => lowered.get(name.toLowerCase()) === value);
}

function takes(selection: GroupSelection | undefined, member: AssignableMember): boolean {
  if (!selection) return true;
  if (selection.clusterIds) return selection.clusterIds.some((id) => id.toLowerCase() === member.clusterId.toLowerCase());
  return selection.tagSelector ? hasTags(member.tags, selection.tagSelector) : false;
}

export function assignMembers(stages: readonly AssignableStage[], members: readonly AssignableMember[]): Assignment {
  const placeOf = new Map<string, { stage: string; group: string }>();
  const unassigned: string[] = [];
  for (const member of members) {
    const key = member.clusterId.toLowerCase();
    for (const stage of stages) {
      const group = stage.groups.find((candidate) => takes(candidate.members, member));
      if (group) {
        placeOf.set(key, { stage: stage.name, group: group.name });
        break;
      }
    }
    if (!placeOf.has(key)) unassigned.push(member.clusterId);
  }
  return { placeOf, unassigned };
}
