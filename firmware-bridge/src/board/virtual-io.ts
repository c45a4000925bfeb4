import { EventEmitter } from 'node:events';
import type { GatewayConfig, RelayConfig, ValveConfig } from '../config/schema.ts';
import type { Millis } from '../control/index.ts';

/**
 * What the virtual board needs from a simulated greenhouse: advance it with the relays as the
 * pins set them, and read its sensors. The physical model in src/sim implements it.
 */
export type VirtualHardware = {
  advance(dtMs: number, actuators: { valves: Record<string, boolean>; pump: boolean; masterValve: boolean }): void;
  /** Raw 10-bit moisture reading of a zone's sensor; null when it gives no reading (unplugged). */
  moistureRaw(zoneId: string): number | null;
  /** Cumulative pulses of a zone's flow meter, or of the main meter ('main'). */
  pulses(meter: string): number;
  temperature(): number;
  humidity(): number;
};

const MODES = { INPUT: 0, OUTPUT: 1, ANALOG: 2, PWM: 3, SERVO: 4, I2C: 6 } as const;
const HIGH = 1;
const LOW = 0;
const SHT31D_MEASURE = 0x2400;

type PinState = { supportedModes: number[]; mode: number; value: number; report: number; analogChannel: number };

/** SHT3x CRC-8 (polynomial 0x31, init 0xFF), as the sensor sends it. */
function crc8(msb: number, lsb: number): number {
  let crc = 0xff;
  for (const byte of [msb, lsb]) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x31) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

function waterOn(level: number, device: RelayConfig | ValveConfig): boolean {
  const energized = device.driver === 'active-high' ? level === HIGH : level === LOW;
  const energizedIsOn = !('type' in device) || device.type === 'NC';
  return energized === energizedIsOn;
}

export type VirtualBoardOptions = {
  config: GatewayConfig;
  hardware: VirtualHardware;
  /** Simulated time at start. */
  startAt: Millis;
  /** Simulated milliseconds per real millisecond (1–3600). */
  warp: number;
  /** Real milliseconds between model steps. */
  stepMs?: number;
  /** The real clock; tests pass a fake one. */
  realNow?: () => number;
};

/**
 * A Johnny-Five IO plugin for a greenhouse that exists only in simulation. Pins behave as the
 * gateway config wires them: relay pins decide valves and pump through their polarity (so a
 * wrong polarity floods the virtual greenhouse as it would a real one), analog pins carry the
 * moisture sensors, digital pins the flow meters' pulses, and I²C the SHT31-D climate sensor.
 * Time runs `warp` times faster than real time.
 */
export function createVirtualBoard(options: VirtualBoardOptions) {
  const { config, hardware } = options;
  const realNow = options.realNow ?? (() => performance.now());
  const stepMs = options.stepMs ?? 20;
  const pins: PinState[] = Array.from({ length: 70 }, () => ({
    supportedModes: [MODES.INPUT, MODES.OUTPUT, MODES.ANALOG],
    mode: MODES.INPUT,
    value: LOW,
    report: 0,
    analogChannel: 127,
  }));
  const analogChannels = new Set<number>();
  const digitalReaders = new Map<number, { callback: (value: number) => void; emitted: number }>();
  const i2cPending = new Map<number, number>();

  const zoneByChannel = new Map(config.zones.map((z) => [Number(z.moistureSensor.pin.slice(1)), z.id]));
  const meterByPin = new Map<number, string>(config.zones.map((z) => [z.flowMeter.pin, z.id]));
  if (config.mainFlowMeter) meterByPin.set(config.mainFlowMeter.pin, 'main');

  let simNow = options.startAt;
  let realLast = realNow();

  const actuators = () => ({
    valves: Object.fromEntries(config.zones.map((z) => [z.id, waterOn(pins[z.valve.pin]!.value, z.valve)])),
    pump: waterOn(pins[config.pump.pin]!.value, config.pump),
    masterValve: waterOn(pins[config.masterValve.pin]!.value, config.masterValve),
  });

  /** Moves the model to the present and reports what changed to the registered readers. */
  const sync = () => {
    const real = realNow();
    const dt = (real - realLast) * options.warp;
    realLast = real;
    if (dt > 0) {
      hardware.advance(dt, actuators());
      simNow += dt;
    }
    for (const [pin, reader] of digitalReaders) {
      const meter = meterByPin.get(pin);
      if (!meter) continue;
      const total = hardware.pulses(meter);
      for (; reader.emitted < total; reader.emitted++) {
        reader.callback(HIGH);
        reader.callback(LOW);
      }
    }
    for (const channel of analogChannels) {
      const zoneId = zoneByChannel.get(channel);
      const raw = zoneId ? hardware.moistureRaw(zoneId) : 0;
      // As Firmata does, each report is an `analog-read-N` event. An unplugged sensor sends
      // nothing: the bridge sees its sample age grow.
      if (raw !== null) io.emit(`analog-read-${channel}`, raw);
    }
  };

  let timer: NodeJS.Timeout | undefined;

  const io = Object.assign(new EventEmitter(), {
    name: 'VirtualGreenhouse',
    isReady: false,
    MODES,
    HIGH,
    LOW,
    pins,
    analogPins: Array.from({ length: 16 }, (_, i) => i),
    defaultLed: 13,
    normalize(pin: number | string) {
      return typeof pin === 'string' && pin.startsWith('A') ? Number(pin.slice(1)) : Number(pin);
    },
    pinMode(pin: number, mode: number) {
      pins[pin]!.mode = mode;
    },
    digitalWrite(pin: number, value: number) {
      sync();
      pins[pin]!.value = value ? HIGH : LOW;
    },
    digitalRead(pin: number, callback: (value: number) => void) {
      const meter = meterByPin.get(pin);
      digitalReaders.set(pin, { callback, emitted: meter ? hardware.pulses(meter) : 0 });
    },
    analogRead(channel: number, callback: (value: number) => void) {
      analogChannels.add(channel);
      io.on(`analog-read-${channel}`, callback);
    },
    i2cConfig() {},
    i2cWrite(address: number, bytes: number[]) {
      if (bytes.length >= 2) i2cPending.set(address, ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0));
    },
    i2cReadOnce(address: number, length: number, callback: (bytes: number[]) => void) {
      if (address !== (config.climateSensor?.address ?? 0x44) || i2cPending.get(address) !== SHT31D_MEASURE) return;
      const t = Math.round(((hardware.temperature() + 45) / 175) * 65535);
      const h = Math.round((Math.min(100, Math.max(0, hardware.humidity())) / 100) * 65535);
      const bytes = [t >> 8, t & 0xff, crc8(t >> 8, t & 0xff), h >> 8, h & 0xff, crc8(h >> 8, h & 0xff)];
      setImmediate(() => callback(bytes.slice(0, length)));
    },
    /** Simulated time now. */
    now(): Millis {
      // Read only: advancing the model here would re-enter `sync` from the readers it calls.
      return simNow + (realNow() - realLast) * options.warp;
    },
    /** The hardware behind the pins, for faults on demand. */
    hardware,
    close() {
      clearInterval(timer);
    },
  });

  // Like Firmata: every pin starts LOW (relay drivers with pull-downs stay off), then connect, ready.
  setImmediate(() => {
    io.emit('connect');
    io.isReady = true;
    realLast = realNow();
    timer = setInterval(sync, stepMs);
    timer.unref?.();
    io.emit('ready');
  });

  return io;
}

export type VirtualBoard = ReturnType<typeof createVirtualBoard>;
