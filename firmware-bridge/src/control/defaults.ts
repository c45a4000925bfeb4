import type { ControlLimits } from './types.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * Safety and timing defaults for a small net-house: a few drip zones on one pump, capacitive
 * moisture sensors sampled every 100–200 ms, pulse flow meters averaged over one second.
 */
export const DEFAULT_LIMITS: ControlLimits = {
  // Two zones share a small farm pump without losing pressure; with more open, per-zone flow can
  // fall low enough to look like a blocked line. Set 0 where the pump is sized for every zone.
  maxOpenZones: 2,
  // Sensors sample every 100–200 ms, so 600 ms is three to six missed samples: a dead sensor
  // closes its zone within a second, while one late sample does not.
  staleAfterMs: 600,
  // Real soil sits between a few % (oven-dry sand) and ~55 % VWC (saturated clay/peat). Readings
  // outside 2..60 mean a short or open circuit, or a sensor lifted out of the soil.
  moistureMin: 2,
  moistureMax: 60,
  // A live analog sensor jitters by at least one ADC step within minutes; fifteen minutes of the
  // exact same raw value is a frozen ADC or a firmware hang, yet long enough for no false alarms.
  stuckAfterMs: 15 * MINUTE,
  // A drip line's smallest zone draws a few L/min; 0.5 L/min is clearly above meter noise (a pulse
  // meter at rest reads 0) yet catches a dripping fitting or a valve that does not seal.
  leakFlowLpm: 0.5,
  // Flow must persist half a second (several samples) before the master valve shuts.
  leakConfirmMs: 500,
  // After a valve closes the meters still report the last second's average and the line drains;
  // two seconds covers both, so closing a valve never looks like a leak.
  flowSettleMs: 2 * SECOND,
  // Pump start, priming and pressurising the drip line take a few seconds.
  flowGraceMs: 4 * SECOND,
  // Below a fifth of the commissioned flow, the pump runs dry or the line is blocked.
  noFlowRatio: 0.2,
  // ...for three seconds without a break. A 60 pulse/L meter at 0.5 L/min (the slowest rate the
  // README's meter is sold for) pulses every 2 s, so its one-second average reads 0 for about a
  // second between pulses: a single low reading is a gap between pulses, not a dry pump. A zone
  // that has no flow from the start still closes when its grace ends.
  noFlowConfirmMs: 3 * SECOND,
  // Vietnam, UTC+7, no daylight saving.
  utcOffsetMinutes: 420,
  // A cycle may apply 1.5× the estimated crop water use since the last watering: Hargreaves is an
  // estimate (±20–30 % day to day), and the band, not this bound, is meant to end a normal cycle.
  etSafetyFactor: 1.5,
  // Plus 1 mm (1 L/m²) per cycle, so a zone with no recent ET history (just started, cold night)
  // still gets a useful drink.
  etAllowanceLitresPerM2: 1.0,
  // Fallback watering starts a cycle once the crop has used 0.5 mm since the sensor failed (or
  // since the last fallback cycle): the soil then swings by half a millimetre around where the
  // sensor left it, a small share of the 10–30 mm a drip bed's roots can draw on before stress,
  // so an ET estimate that is off by some per cent cannot push it across in one swing.
  fallbackTriggerLitresPerM2: 0.5,
  // Fallback waters 1.1 × what band control learned the zone uses (calibration.ts): the ratio
  // learned before the fault moves with the weather and the crop's stage after it, and with no
  // sensor nothing corrects the drift. In the season benchmark (melon-1's sensor dead from day 10)
  // 1.0 gave 0.96 of the crop's need and 52 h below the stress threshold; 1.1 gives 1.06 and none.
  // Too little water is the worse failure; the extra drains below the roots.
  fallbackSafetyFactor: 1.1,
  // Leak balance while valves are open. Pulse meters read in whole pulses over one second: a
  // 60 pulse/L meter moves in 1 L/min steps, and the main meter and the zone meters are not read
  // in the same instant, so two steps (2 L/min) are noise. Cheap meters commissioned by hand
  // also disagree by a few per cent each, so 15 % of the zones' flow is too. A burst pipe or a
  // fitting blown off the header is well above both.
  leakBalanceLpm: 2,
  leakBalanceRatio: 0.15,
  // Opening or closing a valve fills or drains the line and moves the one-second averages out of
  // step for a few seconds; 30 s without a break rules that out. The closed-valve rule still
  // catches any leak within a second once the valves close, so the wait costs at most 30 s of
  // a leak's water while the zones run.
  leakBalanceConfirmMs: 30 * SECOND,
};
