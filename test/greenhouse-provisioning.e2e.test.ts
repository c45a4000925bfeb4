// Registering a greenhouse and provisioning its bridge, the whole way: the co-op's admin registers
// it on a phone, issues the bridge its certificate and config file from the local CA, the bridge
// (the real CLI, on the virtual greenhouse) starts with the downloaded files against the local
// broker, and its first report is on the farmer's page — nobody touches the database by hand.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningBroker, startBroker } from '../infra/local/broker.ts';
import { type PkiPaths, brokerTls, ensurePki } from '../infra/local/pki.ts';
import { type ShadowService, startShadowService } from '../infra/local/shadow/service.ts';
import { type RunningIngest, startIngest } from '../web/app/ingest/subscriber.server.ts';
import { seriousAccessibilityViolations } from './support/axe.ts';
import { type Shop, openShop, screenshots } from './support/shop.ts';
import { logIn, signedInVisitor, visibleText } from './support/web.ts';

const THING = 'seedline-xh-nm9';
let dir: string;
let pki: PkiPaths;
let broker: RunningBroker;
let shadows: ShadowService;
let shop: Shop;
let ingest: RunningIngest;
let bridge: ChildProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seedline-provision-'));
  // The CA, the broker's, ingest's and the shadow service's certificates; no thing's yet.
  ({ paths: pki } = await ensurePki({ dir: path.join(dir, 'pki'), things: [] }));
  broker = await startBroker({ port: 0, tls: await brokerTls(pki) });
  const service = { endpoint: '127.0.0.1', port: broker.port, caPath: pki.ca.cert };
  shadows = startShadowService({ ...service, certPath: pki.shadowService.cert, keyPath: pki.shadowService.key });
  shop = await openShop(new Date(), {
    LOCAL_PKI_DIR: pki.dir,
    LOCAL_MQTT_ENDPOINT: '127.0.0.1',
    LOCAL_MQTT_PORT: broker.port,
  });
  ingest = startIngest({
    db: shop.database.prisma,
    ...service,
    certPath: pki.ingest.cert,
    keyPath: pki.ingest.key,
    clientId: 'seedline-ingest-provisioning',
    flushMs: 20,
    reconnectMinSeconds: 1,
    reconnectMaxSeconds: 2,
    log: () => undefined,
  });
  await ingest.ready();
});

afterAll(async () => {
  if (bridge?.exitCode === null) {
    const exited = new Promise((resolve) => bridge?.once('exit', resolve));
    bridge.kill('SIGTERM');
    await exited;
  }
  await ingest?.close();
  await shop?.close();
  await shadows?.close();
  await broker?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await shop.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  return { context, page: await context.newPage() };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshots, `greenhouse-${name}-360.png`), fullPage: true });

/** Each download link of the page, as the file a browser would save. */
async function downloads(page: Page): Promise<{ name: string; content: string }[]> {
  const links = await page
    .locator('a[download]')
    .evaluateAll((as) =>
      as.map((a) => ({ name: a.getAttribute('download') ?? '', href: a.getAttribute('href') ?? '' })),
    );
  return links.map(({ name, href }) => ({ name, content: decodeURIComponent(href.slice(href.indexOf(',') + 1)) }));
}

/** The bridge as a farmer starts it: `npm run bridge -- --config FILE`, on the virtual greenhouse. */
function startBridgeCli(configFile: string, folder: string): ChildProcess {
  const cli = path.resolve('firmware-bridge/src/cli.ts');
  const args = [
    cli,
    '--board',
    'virtual',
    '--warp',
    '60',
    '--config',
    configFile,
    '--journal',
    path.join(folder, 'runs.json'),
  ];
  return spawn(path.resolve('node_modules/.bin/tsx'), args, { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The farmer's overview, from the greenhouse's name on: what they see of it. */
async function farmerSees(name: string): Promise<string> {
  const farmer = await signedInVisitor(shop.web.url, 'nongdan.xh@seedline.vn');
  const html = await (await farmer.get('/farm')).text();
  const start = html.indexOf(name);
  return start < 0 ? '' : html.slice(start, html.indexOf('<h2', start + name.length));
}

describe('registering a greenhouse and provisioning its bridge locally', () => {
  it("puts the new bridge's first report on the farmer's page", async () => {
    const farm = await shop.database.prisma.farm.findUniqueOrThrow({ where: { code: 'XH' } });
    const { context, page } = await phone();
    await logIn(page, shop.web.url, 'admin@seedline.vn', `/coop/farms/${farm.id}`);
    await page.getByRole('link', { name: 'Nhà màng và bộ điều khiển' }).click();
    await page.waitForURL(`**/coop/farms/${farm.id}/greenhouses`);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    // Nothing typed: each field says what it needs, and nothing is registered.
    const before = await shop.database.prisma.greenhouse.count();
    await page.getByRole('button', { name: 'Đăng ký nhà màng' }).click();
    await page.locator('#thingName-error').waitFor();
    for (const field of ['name', 'thingName', 'areaM2', 'key', 'zoneName', 'zoneAreaM2']) {
      await expect(page.locator(`#${field}`).getAttribute('aria-invalid')).resolves.toBe('true');
    }
    expect(await shop.database.prisma.greenhouse.count()).toBe(before);
    await shot(page, 'register-refused');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

    await page.getByLabel('Tên nhà màng').fill('Nhà màng số 9');
    await page.getByLabel('Tên thiết bị (thing name) của bộ điều khiển').fill(THING);
    await page.getByLabel('Diện tích nhà màng').fill('250,5');
    await page.getByLabel('Mã luống').fill('z1');
    await page.getByLabel('Tên luống').fill('Luống dưa mới');
    await page.getByLabel('Diện tích luống').fill('120');
    await page.getByLabel('Cây trồng').fill('Dưa lưới');
    await page.getByRole('button', { name: 'Đăng ký nhà màng' }).click();
    await page.getByText('Đã đăng ký nhà màng.').waitFor();
    await expect(farmerSees('Nhà màng số 9')).resolves.toContain('Chưa có số đo');

    await page.getByRole('button', { name: 'Cấp chứng chỉ và tệp cấu hình' }).click();
    await page.getByText('Khóa riêng không được lưu').waitFor();
    await shot(page, 'issued');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    const files = await downloads(page);
    expect(files.map((f) => f.name)).toEqual([
      `${THING}.json`,
      `${THING}.cert.pem`,
      `${THING}.private.key`,
      'seedline-local-ca.pem',
    ]);
    await context.close();

    // The key went to the browser only: not into the database, not into the PKI folder.
    const key = files[2]!.content;
    expect(key).toContain('PRIVATE KEY');
    const stored = await shop.database.prisma.greenhouse.findUniqueOrThrow({
      where: { thingName: THING },
      include: { zones: true },
    });
    expect(JSON.stringify(stored)).not.toContain('PRIVATE KEY');
    expect(await readdir(path.join(pki.dir, 'things'))).toEqual([]);

    const folder = await mkdtemp(path.join(dir, 'bridge-'));
    for (const file of files) await writeFile(path.join(folder, file.name), file.content);
    bridge = startBridgeCli(path.join(folder, `${THING}.json`), folder);
    let stderr = '';
    bridge.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    await vi.waitFor(
      async () => {
        if (bridge?.exitCode !== null) throw new Error(`the bridge exited: ${stderr}`);
        expect(await farmerSees('Nhà màng số 9')).toContain('data-live="line"');
      },
      { timeout: 45_000, interval: 500 },
    );
    expect(visibleText(await farmerSees('Nhà màng số 9'))).toMatch(/Độ ẩm \d/);
  }, 120_000);
});
