import type { ObservationKind } from '@seedline/db';

/** What an observation is about (the schema's ObservationKind), for forms that run in the browser too. */
export const observationKinds = ['PEST', 'DISEASE', 'NOTE'] as const satisfies readonly ObservationKind[];
