import type { Role } from '@seedline/db';
import type { CatalogHandle } from '../i18n/i18n.ts';

/** Which roles may open each protected area. Admins may open every area. */
export const areaRoles = {
  account: ['BUYER', 'FARMER', 'STAFF', 'ADMIN'],
  farm: ['FARMER', 'ADMIN'],
  coop: ['STAFF', 'ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Area = keyof typeof areaRoles;

export function isArea(value: unknown): value is Area {
  return typeof value === 'string' && Object.hasOwn(areaRoles, value);
}

export function mayOpen(role: Role, area: Area): boolean {
  const roles: readonly Role[] = areaRoles[area];
  return roles.includes(role);
}

/**
 * What an area's layout route puts in its `handle`: the area (its loaders and actions, and every
 * child's, then check the role: auth/areas.server.ts) and the texts its pages use.
 */
export type AreaHandle = CatalogHandle & { area: Area };
