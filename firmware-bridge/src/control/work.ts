import type { ControlConfig, ControlEvent, Millis, SiteState, ZoneState } from './types.ts';

/**
 * One step's scratch: fresh copies of the zone and site states that the rule modules update in
 * place, and the events they log. `step` makes the copies, so callers never see a mutation: the
 * step is pure from outside, and the rules stay short without threading new objects around.
 */
export type Work = {
  now: Millis;
  config: ControlConfig;
  zones: Record<string, ZoneState>;
  site: SiteState;
  events: ControlEvent[];
  /** Local minute of the day, for windows. */
  minuteOfDay: number;
};

/** The zone's state in this step; only called with ids the step has copied. */
export function zoneOf(w: Work, zoneId: string): ZoneState {
  const z = w.zones[zoneId];
  if (!z) throw new Error(`control: zone ${zoneId} is not in this step`);
  return z;
}

/**
 * The zone's state in this step, or undefined for an id that is not configured. Own properties
 * only: a command naming "constructor" or "toString" is an unknown zone, not Object's prototype.
 */
export function findZone(w: Work, zoneId: string): ZoneState | undefined {
  return Object.hasOwn(w.zones, zoneId) ? w.zones[zoneId] : undefined;
}
