// Crop coefficients by growth stage (FAO-56 single crop coefficient, Allen et al. 1998).
//
// Kc ini / mid / end: FAO-56 Table 12 ("Melons" 0.50 / 1.05 / 0.75; "Tomato" 0.60 / 1.15 /
// 0.70–0.90, end taken as 0.80). Depletion fraction p: FAO-56 Table 22 (0.40 for both).
// Stage lengths: FAO-56 Table 11 gives sweet melon 25/35/40/20 days (120, Mediterranean); the
// net-house hybrid melons grown in Vietnam go from transplant to harvest in about 75 days, so the
// same proportions are scaled to 75 (15/22/25/13), as FAO-56 advises using local lengths. Cherry
// tomato keeps Table 11's tomato 30/40/40/25 (135 days). The Kc curve is FAO-56 Fig. 25: flat in
// the initial stage, linear through development to Kc mid, flat, linear to Kc end (eq. 66).

export type CropName = 'melon' | 'cherry-tomato';

export type CropSpec = {
  name: CropName;
  kcIni: number;
  kcMid: number;
  kcEnd: number;
  /** Stage lengths in days: initial, development, mid-season, late season. */
  stages: { ini: number; dev: number; mid: number; late: number };
  /** FAO-56 depletion fraction p: share of total available water usable before stress. */
  p: number;
};

export const CROPS: Record<CropName, CropSpec> = {
  melon: {
    name: 'melon',
    kcIni: 0.5,
    kcMid: 1.05,
    kcEnd: 0.75,
    stages: { ini: 15, dev: 22, mid: 25, late: 13 },
    p: 0.4,
  },
  'cherry-tomato': {
    name: 'cherry-tomato',
    kcIni: 0.6,
    kcMid: 1.15,
    kcEnd: 0.8,
    stages: { ini: 30, dev: 40, mid: 40, late: 25 },
    p: 0.4,
  },
};

/** Kc on a crop day (days since transplanting, fractional); past the season, Kc end. */
export function cropCoefficient(crop: CropSpec, cropDay: number): number {
  const { ini, dev, mid, late } = crop.stages;
  if (cropDay <= ini) return crop.kcIni;
  if (cropDay <= ini + dev) return crop.kcIni + ((cropDay - ini) / dev) * (crop.kcMid - crop.kcIni);
  if (cropDay <= ini + dev + mid) return crop.kcMid;
  if (cropDay <= ini + dev + mid + late) {
    return crop.kcMid + ((cropDay - ini - dev - mid) / late) * (crop.kcEnd - crop.kcMid);
  }
  return crop.kcEnd;
}

/** The FAO-56 growth stage on a crop day. */
export function cropStage(crop: CropSpec, cropDay: number): 'initial' | 'development' | 'mid-season' | 'late' {
  const { ini, dev, mid } = crop.stages;
  if (cropDay < ini) return 'initial';
  if (cropDay < ini + dev) return 'development';
  if (cropDay < ini + dev + mid) return 'mid-season';
  return 'late';
}
