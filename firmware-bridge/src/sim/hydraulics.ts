// Water delivery: header tank → main meter → (leak point) → master valve → pump → zone valves →
// zone meters → emitters. Flows are steady within one `advance` (relays only change between calls).
//
// A zone gets water only while the pump runs, the master valve is open, the tank has water and
// its valve is effectively open (commanded, or stuck open; never when stuck shut). The pump's
// capacity is split between the open valves in proportion to their emitters' nominal flow, each
// capped at its nominal flow. The header tank's head alone does not open drip emitters, so the
// zones see no flow with the pump off; it does push water out of a burst main line at any time.

import type { GreenhouseState, SimOutputs, ZoneSim } from './types.ts';

/** Is the zone's valve passing water, given what it was told? */
export function valvePasses(z: ZoneSim, commanded: boolean): boolean {
  if (z.valveFault === 'valve-stuck-open') return true;
  if (z.valveFault === 'valve-stuck-shut') return false;
  return commanded;
}

/**
 * Set each zone's flow and the main meter's flow for the outputs now applied. Open zones share the
 * pump in proportion to their nominal flow: each gets nominal × min(1, capacity / Σ nominal).
 */
export function applyFlows(state: GreenhouseState, outputs: SimOutputs): void {
  const supplied = outputs.pump && outputs.masterValve && !state.pumpDead && !state.tankEmpty;
  let demand = 0;
  for (const z of state.zones) {
    if (supplied && valvePasses(z, outputs.valves[z.spec.id] === true)) demand += z.spec.nominalFlowLpm;
  }
  const factor = demand > 0 ? Math.min(1, state.spec.pumpCapacityLpm / demand) : 0;
  let main = state.tankEmpty ? 0 : state.leakLpm;
  for (const z of state.zones) {
    const open = supplied && valvePasses(z, outputs.valves[z.spec.id] === true);
    z.flowLpm = open ? z.spec.nominalFlowLpm * factor : 0;
    main += z.flowLpm;
  }
  state.mainFlowLpm = main;
}

/** Whole pulses a meter has given for `litres` (a pulse meter never shows part of one). */
export function pulsesOf(litres: number, pulsesPerLitre: number): number {
  return Math.floor(litres * pulsesPerLitre + 1e-9);
}
