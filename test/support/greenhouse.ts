import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '@seedline/db/setup';
import five from 'johnny-five';
import { exampleConfig, scriptedHardware } from '../../firmware-bridge/test/harness.ts';
import { createVirtualBoard } from '../../firmware-bridge/src/board/virtual-io.ts';
import { connectMqtt, stopReporting } from '../../firmware-bridge/src/reporting/mqtt.ts';
import { openOutbox } from '../../firmware-bridge/src/reporting/outbox.ts';
import { createPublisher } from '../../firmware-bridge/src/reporting/publisher.ts';
import { listenForConfirmations } from '../../firmware-bridge/src/reporting/confirmations.ts';
import { createReporter } from '../../firmware-bridge/src/reporting/reporter.ts';
import { openSequence } from '../../firmware-bridge/src/reporting/sequence.ts';
import { startShadowSync } from '../../firmware-bridge/src/reporting/shadow-sync.ts';
import { type Bridge, type BridgeOutput, startBridge } from '../../firmware-bridge/src/runtime/bridge.ts';
import { memoryJournal } from '../../firmware-bridge/src/runtime/journal.ts';
import { startBroker } from '../../infra/local/broker.ts';
import { brokerTls, ensurePki } from '../../infra/local/pki.ts';
import { startShadowService } from '../../infra/local/shadow/service.ts';
import { startIngest } from '../../web/app/ingest/subscriber.server.ts';
import { testGreenhouse } from '../../web/app/ingest/testkit.ts';

/**
 * A whole greenhouse, every part real: the local broker (TLS) and shadow service, ingest into
 * `database`, and the bridge runtime (Johnny-Five on the virtual board, in real time) reporting
 * through its outbox and keeping its `irrigation` shadow. The greenhouse is on testGreenhouse's
 * farm; `hardware` scripts the sensors and meters (dry a zone, start a leak).
 */
export async function openGreenhouse(database: Database, options: { thing?: string; telemetryEveryMs?: number } = {}) {
  const config = { ...exampleConfig(), ...(options.thing ? { thingName: options.thing } : {}) };
  const thing = config.thingName;
  const dir = await mkdtemp(path.join(tmpdir(), 'seedline-greenhouse-'));
  const closers: (() => Promise<void> | void)[] = [() => rm(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const stop of closers.reverse()) await stop();
  };
  try {
    const { paths: pki } = await ensurePki({ dir: path.join(dir, 'pki'), things: [thing] });
    const broker = await startBroker({ port: 0, tls: await brokerTls(pki) });
    closers.push(() => broker.close());
    const service = { endpoint: '127.0.0.1', port: broker.port, caPath: pki.ca.cert };
    const shadows = startShadowService({
      ...service,
      certPath: pki.shadowService.cert,
      keyPath: pki.shadowService.key,
    });
    closers.push(() => shadows.close());

    const g = await testGreenhouse(
      database.prisma,
      thing,
      config.zones.map((z) => ({ key: z.id, name: z.name, areaM2: z.areaM2, desiredSettings: z.settings })),
    );
    const ingest = startIngest({
      db: database.prisma,
      ...service,
      certPath: pki.ingest.cert,
      keyPath: pki.ingest.key,
      clientId: `seedline-ingest-${thing}`,
      flushMs: 20,
      reconnectMinSeconds: 1,
      reconnectMaxSeconds: 2,
      log: () => undefined,
    });
    closers.push(() => ingest.close());
    await ingest.ready();

    const hardware = scriptedHardware(config);
    // On the wall clock: what the bridge reports lands in the last day of the zone page.
    const io = createVirtualBoard({ config, hardware, startAt: Date.now(), warp: 1 });
    const board = new five.Board({ io, repl: false, debug: false, sigint: false });
    await new Promise<void>((resolve) => board.once('ready', () => resolve()));

    const sequence = openSequence(path.join(dir, 'sequence.json'));
    const outbox = openOutbox({ folder: path.join(dir, 'outbox') });
    const report = createReporter({ thing, sequence, outbox, telemetryEveryMs: options.telemetryEveryMs ?? 1_000 });
    // The shadow sync starts once the bridge runs; until then a connect has nothing to refresh.
    let refreshShadow = () => undefined as void;
    const link = connectMqtt({
      ...service,
      clientId: thing,
      certPath: pki.thing(thing).cert,
      keyPath: pki.thing(thing).key,
      reconnectMinSeconds: 1,
      reconnectMaxSeconds: 2,
      onState: (state) => {
        if (state.kind === 'connected' || state.kind === 'resumed') refreshShadow();
      },
    });
    const publisher = createPublisher({ outbox, send: link.publish, onError: () => undefined });
    listenForConfirmations(link, thing, publisher, () => undefined);
    closers.push(() => stopReporting(publisher, link, 1_000));
    const outputs = new EventEmitter<{ output: [BridgeOutput] }>();
    const bridge: Bridge = startBridge({
      config,
      board,
      clock: () => io.now(),
      journal: memoryJournal(),
      output: (o) => {
        report(o);
        publisher.wake();
        outputs.emit('output', o);
      },
    });
    closers.push(() => bridge.stop());
    const sync = startShadowSync({
      thing,
      link,
      getRetryMs: 500,
      log: () => undefined,
      target: {
        settings: bridge.settings,
        applySettings: bridge.applySettings,
        refuseSettings: bridge.refuseSettings,
        command: bridge.command,
        clock: () => io.now(),
      },
    });
    closers.push(() => sync.stop());
    refreshShadow = () => sync.refresh();
    if (link.connected()) sync.refresh();

    return { config, thing, greenhouseId: g.id, zoneIds: g.zones, ingest, bridge, hardware, outputs, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export type OpenGreenhouse = Awaited<ReturnType<typeof openGreenhouse>>;
