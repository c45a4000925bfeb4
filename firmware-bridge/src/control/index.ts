// The control core's public face: the bridge and the season benchmark import from here.

export { DEFAULT_LIMITS } from './defaults.ts';
export { initialState, shutdown, step } from './controller.ts';
export { openRunRecords, recoverInterrupted } from './runs.ts';
export { zoneSettingsProblems } from './settings.ts';
export { needsAck } from './alarms.ts';
export {
  currentEt0,
  etcLitres,
  extraterrestrialRadiation,
  hargreavesEt0,
  radiationAsEvaporation,
  trackTemperature,
} from './et.ts';
export type * from './types.ts';
