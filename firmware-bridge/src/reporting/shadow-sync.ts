import type { ZoneCommand, ZoneSettings } from '../control/index.ts';
import type { MqttLink } from './mqtt.ts';
import { reconcile } from './shadow-reconcile.ts';
import {
  type CommandOutcome,
  type ReportedState,
  SHADOW_MAX_BYTES,
  SITE_KEY,
  type ShadowCommand,
  shadowDocumentSchema,
  shadowTopic,
} from './shadow.ts';

// The bridge's side of the `irrigation` shadow, as in the aws-iot-device-sdk-js-v2 shadow sample:
// on every (re)connect it asks for the whole document; a delta only prompts another `get`, so
// there is one path that applies the whole desired state (a delta alone cannot say what a command
// or a partial setting belongs to). What it runs is then reported, whole.

export type ShadowTarget = {
  settings(): Readonly<Record<string, ZoneSettings>>;
  applySettings(zoneId: string, settings: ZoneSettings): void;
  refuseSettings(zoneId: string, reason: string): void;
  /** `onOutcome` hears null when the core applied the command, else its reason for refusing. */
  command(command: ZoneCommand, onOutcome: (refusal: string | null) => void): void;
  /** The bridge's clock (simulated on the virtual board). */
  clock(): number;
};

export type ShadowSyncOptions = {
  thing: string;
  link: Pick<MqttLink, 'publish' | 'subscribe'>;
  target: ShadowTarget;
  /** The wall clock: commands carry the dashboard's wall-clock times. */
  wallClock?: () => number;
  log?: (line: string) => void;
  /** Ask again when a get has no answer for this long (a lost request, a service still starting). */
  getRetryMs?: number;
  /** After each shadow document has been handled (its version): for diagnostics and tests. */
  onDocument?: (version: number) => void;
};

export type ShadowSync = {
  /** Call on every connect and resume of the link. */
  refresh(): void;
  stop(): void;
};

export function startShadowSync(options: ShadowSyncOptions): ShadowSync {
  const { thing, link, target } = options;
  const wallClock = options.wallClock ?? Date.now;
  const log = options.log ?? ((line: string) => process.stderr.write(`bridge: shadow: ${line}\n`));
  let lastVersion = -1;
  let tokens = 0;
  // What we last reported and what we will report next (commands and refusals as answered).
  let published = '';
  const commands: Record<string, CommandOutcome> = {};
  const refused: Record<string, string | null> = {};
  /** Command id per zone handed to the core and not answered yet. */
  const running = new Map<string, string>();

  const send = (operation: 'get' | 'update', body: object) => {
    const payload = JSON.stringify({ ...body, clientToken: `${thing}-${++tokens}` });
    link.publish(shadowTopic(thing, operation), payload).catch((error: Error) => {
      // Not connected: the next connect refreshes everything anyway.
      log(`${operation} not sent: ${error.message}`);
    });
  };

  let retryTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  const refresh = () => {
    if (stopped) return;
    clearTimeout(retryTimer);
    send('get', {});
    retryTimer = setTimeout(refresh, options.getRetryMs ?? 10_000);
    retryTimer.unref?.();
  };
  const answered = () => clearTimeout(retryTimer);

  const report = () => {
    const reported: ReportedState = { zones: { ...target.settings() }, commands: { ...commands }, refused };
    const body = { state: { reported } };
    const text = JSON.stringify(reported);
    if (text === published) return;
    if (Buffer.byteLength(JSON.stringify(body)) > SHADOW_MAX_BYTES - 1024) {
      // AWS would refuse the update; keep the shadow as it is and say so.
      log(`reported state too large (${Buffer.byteLength(text)} B), not sent`);
      return;
    }
    published = text;
    send('update', body);
    // A cleared refusal is sent once as null (AWS's delete), then dropped.
    for (const [zoneId, reason] of Object.entries(refused)) if (reason === null) delete refused[zoneId];
  };

  const onDocument = (payload: string) => {
    answered();
    let raw: unknown;
    try {
      raw = JSON.parse(payload);
    } catch {
      return log('get/accepted is not JSON: ignored');
    }
    const parsed = shadowDocumentSchema.safeParse(raw);
    if (!parsed.success) return log('get/accepted has no state: ignored');
    const doc = parsed.data;
    // An answer to an older get, overtaken by a newer one.
    if (doc.version < lastVersion) return;
    lastVersion = doc.version;
    const reported = doc.state.reported ?? {};
    published = JSON.stringify(reported);
    // Known outcomes stay echoed, so their commands are not run again.
    for (const [zoneId, outcome] of Object.entries(reported.commands ?? {})) {
      if (outcome && typeof outcome === 'object') commands[zoneId] = outcome as CommandOutcome;
    }
    const plan = reconcile(doc.state.desired ?? {}, reported, target.settings(), wallClock());
    for (const { zoneId, settings } of plan.apply) target.applySettings(zoneId, settings);
    for (const [zoneId, reason] of Object.entries(plan.refused)) {
      if (reason !== null && reported.refused?.[zoneId] !== reason) target.refuseSettings(zoneId, reason);
      refused[zoneId] = reason;
    }
    Object.assign(commands, plan.answered);
    for (const { zoneId, command } of plan.run) if (running.get(zoneId) !== command.id) runCommand(zoneId, command);
    report();
    options.onDocument?.(doc.version);
  };

  const runCommand = (zoneId: string, command: ShadowCommand) => {
    const zoneCommand = toZoneCommand(zoneId, command, target.clock() - wallClock());
    // Until the core has answered (next tick), a second get must not run it again.
    running.set(zoneId, command.id);
    target.command(zoneCommand, (refusal) => {
      running.delete(zoneId);
      commands[zoneId] =
        refusal === null ? { ...command, status: 'applied' } : { ...command, status: 'refused', reason: refusal };
      report();
    });
  };

  link.subscribe(shadowTopic(thing, 'get/accepted'), (_topic, payload) => onDocument(payload));
  link.subscribe(shadowTopic(thing, 'get/rejected'), (_topic, payload) => {
    answered();
    // 404: no shadow yet. Reporting what runs creates it.
    if (/"code"\s*:\s*404/.test(payload)) {
      published = '';
      report();
    } else log(`get rejected: ${payload.slice(0, 200)}`);
  });
  link.subscribe(shadowTopic(thing, 'update/delta'), () => refresh());
  link.subscribe(shadowTopic(thing, 'update/rejected'), (_topic, payload) => {
    log(`update rejected: ${payload.slice(0, 200)}`);
    // Whatever we think the shadow holds is wrong now: start again from the document.
    published = '';
    refresh();
  });

  return {
    refresh,
    stop: () => {
      stopped = true;
      clearTimeout(retryTimer);
    },
  };
}

/** A shadow command as the core takes it; `clockOffset` is the bridge's clock minus the wall clock. */
function toZoneCommand(zoneId: string, command: ShadowCommand, clockOffset: number): ZoneCommand {
  switch (command.kind) {
    case 'run':
      return { kind: 'run', zoneId, minutes: command.minutes };
    case 'pause':
      // The same time from now on the bridge's clock (which runs faster on the virtual board).
      return { kind: 'pause', zoneId, until: command.until + clockOffset };
    case 'acknowledge':
      return { kind: 'acknowledge', alarmKind: command.alarm, zoneId: zoneId === SITE_KEY ? null : zoneId };
    default:
      return { kind: command.kind, zoneId };
  }
}
