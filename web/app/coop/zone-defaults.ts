// What the co-op's zone forms start from; its own module, as the pages (browser code) read it and
// the forms' schemas pull in server code (irrigation/zone-forms.ts).

/** The starting settings the forms offer: a melon bed's band, watering by day. */
export const defaultZoneSettings = {
  moistureLow: 20,
  moistureHigh: 24,
  maxRunMinutes: 30,
  minSoakMinutes: 30,
  dailyBudgetLitres: 500,
  windows: [{ from: '05:00', to: '18:00' }],
  fallbackWatering: true,
};
