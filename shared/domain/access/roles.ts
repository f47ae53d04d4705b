/** Fleet roles, weakest first. Each role includes every permission of the roles before it. */
export const ROLES = ['Reader', 'Operator', 'Admin', 'Owner'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function roleAtLeast(held: Role, required: Role): boolean {
  return roleRank(held) >= roleRank(required);
}

export function higherRole(a: Role, b: Role): Role {
  return roleRank(a) >= roleRank(b) ? a : b;
}
