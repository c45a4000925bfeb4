// How a planting starts, and what its quantity counts: apart from the form's schema, so that the
// page can list the choices without bringing the schema's server-side helpers to the browser.

export const plantingMethods = ['SOWING', 'TRANSPLANTING'] as const;
export type PlantingMethod = (typeof plantingMethods)[number];

/** What the quantity counts: seeds when sown, plants when transplanted. */
export const quantityUnitOf: Record<PlantingMethod, 'seeds' | 'plants'> = { SOWING: 'seeds', TRANSPLANTING: 'plants' };
