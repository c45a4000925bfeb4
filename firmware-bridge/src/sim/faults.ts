// Faults on demand, for tests and for the farmer's "what if" demo: each one changes what the
// hydraulics deliver or what a sensor reports from the next `advance` on. A zone has at most one
// sensor fault and one valve fault at a time (a new one replaces the old).

import type { Fault, FaultKind, GreenhouseState, ZoneSim } from './types.ts';

/** Which fault to clear: its kind, and the zone for zone faults. */
export type FaultRef = { kind: FaultKind; zoneId?: string };

function zoneOf(state: GreenhouseState, zoneId: string): ZoneSim {
  const z = state.zones.find((candidate) => candidate.spec.id === zoneId);
  if (!z) throw new Error(`greenhouse: no zone "${zoneId}"`);
  return z;
}

export function setFault(state: GreenhouseState, fault: Fault): void {
  switch (fault.kind) {
    case 'sensor-unplugged':
    case 'sensor-stuck':
    case 'sensor-noisy':
      zoneOf(state, fault.zoneId).sensorFault = { ...fault };
      return;
    case 'valve-stuck-open':
    case 'valve-stuck-shut':
      zoneOf(state, fault.zoneId).valveFault = fault.kind;
      return;
    case 'leak':
      state.leakLpm = Math.max(0, fault.lpm);
      return;
    case 'pump-dead':
      state.pumpDead = true;
      return;
    case 'tank-empty':
      state.tankEmpty = true;
  }
}

/** Clear a fault; clearing one that is not set does nothing. */
export function clearFault(state: GreenhouseState, ref: FaultRef): void {
  switch (ref.kind) {
    case 'sensor-unplugged':
    case 'sensor-stuck':
    case 'sensor-noisy': {
      const z = zoneOf(state, ref.zoneId ?? '');
      if (z.sensorFault?.kind === ref.kind) z.sensorFault = null;
      return;
    }
    case 'valve-stuck-open':
    case 'valve-stuck-shut': {
      const z = zoneOf(state, ref.zoneId ?? '');
      if (z.valveFault === ref.kind) z.valveFault = null;
      return;
    }
    case 'leak':
      state.leakLpm = 0;
      return;
    case 'pump-dead':
      state.pumpDead = false;
      return;
    case 'tank-empty':
      state.tankEmpty = false;
  }
}

/** The faults now set. */
export function activeFaults(state: GreenhouseState): Fault[] {
  const faults: Fault[] = [];
  for (const z of state.zones) {
    if (z.sensorFault) faults.push({ ...z.sensorFault });
    if (z.valveFault) faults.push({ kind: z.valveFault, zoneId: z.spec.id });
  }
  if (state.leakLpm > 0) faults.push({ kind: 'leak', lpm: state.leakLpm });
  if (state.pumpDead) faults.push({ kind: 'pump-dead' });
  if (state.tankEmpty) faults.push({ kind: 'tank-empty' });
  return faults;
}
