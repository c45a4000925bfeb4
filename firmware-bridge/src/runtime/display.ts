import type { ControlEvent, Millis } from '../control/index.ts';
import type { BridgeOutput, Snapshot } from './bridge.ts';

// What a person at the gateway sees: on a terminal, one compact line per zone redrawn in place;
// without one (a service, a pipe), structured JSON lines that a log collector can read.

function localTime(at: Millis, utcOffsetMinutes: number): string {
  return new Date(at + utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

const pad = (text: string, width: number) => text.padEnd(width).slice(0, width);
const num = (value: number | null, digits = 1) => (value === null ? '—' : value.toFixed(digits));

export function zoneLines(snapshot: Snapshot): string[] {
  return snapshot.zones.map(
    (z) =>
      `${pad(z.id, 4)} ${pad(z.name, 22)} ${num(z.moisture).padStart(5)} % [${z.band[0]}–${z.band[1]}]  ` +
      `${z.valveOpen ? 'OPEN  ' : 'closed'} ${num(z.flowLpm).padStart(5)} L/min ${num(z.litresToday, 0).padStart(6)} L today  ` +
      `${pad(z.mode, 7)} ${z.alarm ?? ''}`,
  );
}

export function headerLine(thingName: string, snapshot: Snapshot, utcOffsetMinutes: number, warp: number): string {
  return (
    `${thingName}  ${localTime(snapshot.at, utcOffsetMinutes)}${warp > 1 ? ` (×${warp})` : ''}  ` +
    `${num(snapshot.temperature)} °C ${num(snapshot.humidity, 0)} %  pump ${snapshot.pump ? 'ON' : 'off'}  ` +
    `master ${snapshot.masterValve ? 'open' : 'shut'}${snapshot.leak ? '  LEAK' : ''}`
  );
}

export function eventLine(event: ControlEvent, utcOffsetMinutes: number): string {
  const at = localTime(event.at, utcOffsetMinutes);
  switch (event.type) {
    case 'water-started':
      return `${at} ${event.zoneId}: water on (${event.rule})`;
    case 'water-stopped':
      return `${at} ${event.zoneId}: water off (${event.rule}), ${event.litres.toFixed(1)} L`;
    case 'alarm-raised':
      return `${at} ${event.zoneId ?? 'site'}: ALARM ${event.alarm}: ${event.message}`;
    case 'alarm-cleared':
      return `${at} ${event.zoneId ?? 'site'}: alarm ${event.alarm} cleared`;
    case 'mode-changed':
      return `${at} ${event.zoneId}: mode ${event.mode.kind} (${event.reason})`;
    case 'command-refused':
      return `${at} command refused: ${event.reason}`;
    case 'settings-applied':
      return `${at} ${event.zoneId}: settings applied (band ${event.settings.moistureLow}–${event.settings.moistureHigh} %)`;
    case 'settings-refused':
      return `${at} ${event.zoneId}: settings refused: ${event.reason}`;
  }
}

export type DisplayOptions = {
  thingName: string;
  utcOffsetMinutes: number;
  warp: number;
  tty: boolean;
  write: (text: string) => void;
  /** Without a terminal, a snapshot line every this many milliseconds of bridge time. */
  snapshotEveryMs: number;
};

export function createDisplay(options: DisplayOptions) {
  const recent: string[] = [];
  let drawnLines = 0;
  let lastDraw = 0;
  let lastSnapshotLog = -Infinity;

  const drawTty = (snapshot: Snapshot) => {
    const lines = [
      headerLine(options.thingName, snapshot, options.utcOffsetMinutes, options.warp),
      ...zoneLines(snapshot),
      ...recent.map((line) => `  ${line}`),
    ];
    // Move up over the previous frame and overwrite it line by line.
    const up = drawnLines > 0 ? `\x1b[${drawnLines}F` : '';
    options.write(up + lines.map((line) => `\x1b[2K${line}`).join('\n') + '\n');
    drawnLines = lines.length;
  };

  return (output: BridgeOutput) => {
    if (output.kind === 'event') {
      if (options.tty) {
        recent.push(eventLine(output.event, options.utcOffsetMinutes));
        if (recent.length > 6) recent.shift();
      } else {
        options.write(
          `${JSON.stringify({ level: output.event.type.startsWith('alarm') ? 'warn' : 'info', ...output.event })}\n`,
        );
      }
      return;
    }
    const { snapshot } = output;
    if (options.tty) {
      const now = Date.now();
      if (now - lastDraw < 250) return;
      lastDraw = now;
      drawTty(snapshot);
    } else if (snapshot.at - lastSnapshotLog >= options.snapshotEveryMs) {
      lastSnapshotLog = snapshot.at;
      options.write(`${JSON.stringify({ level: 'info', type: 'snapshot', ...snapshot })}\n`);
    }
  };
}
