// The virtual greenhouse's public face: the Johnny-Five IO plugin, the tests and the season
// benchmark import from here.

export { createGreenhouse, advance, readings, truth, cropDayAt, cropCoefficientAt } from './greenhouse.ts';
export type { GreenhouseReadings, GreenhouseTruth, ZoneReadingsView, ZoneTruth } from './greenhouse.ts';
export { setFault, clearFault, activeFaults, type FaultRef } from './faults.ts';
export { rawFromMoisture, moistureFromRaw, RAW_MAX } from './sensors.ts';
export { stressThreshold, waterStressCoefficient } from './soil.ts';
export { CROPS, cropCoefficient, cropStage, type CropName, type CropSpec } from './crop.ts';
export { createWeather, weatherAt, weatherDay, temperatureAt, humidityAt, THANH_HOA_LATITUDE } from './weather.ts';
export type { WeatherDay, WeatherNow, WeatherState } from './weather.ts';
export type * from './types.ts';
