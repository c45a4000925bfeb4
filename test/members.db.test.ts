import { demoPassword } from '@seedline/db/setup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCatalogs } from '../web/app/i18n/all-messages.ts';
import { eventsTopic } from '@seedline/firmware-bridge/protocol';
import { ingestBatch } from '../web/app/ingest/store.server.ts';
import { eventPayload } from '../web/app/ingest/testkit.ts';
import { linkIn, mailsTo } from './support/mail.ts';
import { type DemoApp, openDemoApp } from './support/shop.ts';
import { signedInVisitor, visibleText, visitor } from './support/web.ts';

// The co-op's members through the served app: invitations whose link sets a password once, roles,
// deactivation that ends sessions at once, and the rule that the co-op keeps an admin.

let app: DemoApp;
beforeAll(async () => {
  app = await openDemoApp(new Date());
});
afterAll(() => app?.close());

const db = () => app.database.prisma;
const signedIn = (email: string) => signedInVisitor(app.web.url, email);
const farmId = async (code: string) => (await db().farm.findUniqueOrThrow({ where: { code } })).id;
const userId = async (email: string) => (await db().user.findUniqueOrThrow({ where: { email } })).id;
const counts = () => Promise.all([db().user.count(), db().invitation.count(), db().outgoingEmail.count()]);
const text = async (response: Response) => visibleText(await response.text());

/** The error shown under the field `name` (the form controls give it the id `{name}-error`). */
function fieldError(html: string, name: string): string {
  const match = new RegExp(`id="${name}-error"[^>]*>([^<]*)<`).exec(html);
  return match ? match[1]!.replace(/&#x27;/g, "'") : `(no error beside ${name})`;
}

describe('inviting a member', () => {
  it.each([
    [{ name: '', email: 'moi@example.vn', role: 'STAFF' }, 'name', 'Vui lòng nhập trường này.'],
    [{ name: 'Mới', email: 'not-an-email', role: 'STAFF' }, 'email', 'Email không hợp lệ.'],
    [{ name: 'Mới', email: 'moi@example.vn', role: 'BUYER' }, 'role', 'Vui lòng chọn vai trò.'],
    [{ name: 'Mới', email: 'moi@example.vn', role: 'FARMER', farmId: '' }, 'farmId', 'Nông dân cần có trang trại'],
    [{ name: 'Mới', email: 'moi@example.vn', role: 'FARMER', farmId: 'no-such' }, 'farmId', 'Không có trang trại này.'],
    [{ name: 'Mới', email: 'KhachHang@example.vn', role: 'STAFF' }, 'email', 'Email khachhang@example.vn đã có'],
  ])('refuses %o beside the field %s, and makes and mails nothing', async (form, field, message) => {
    const admin = await signedIn('admin@seedline.vn');
    const before = await counts();
    const response = await admin.post('/coop/members', form);
    expect([400, 409]).toContain(response.status);
    expect(fieldError(await response.text(), field)).toContain(message);
    expect(await counts()).toEqual(before);
  });

  it('is for admins: staff see the members but their invitation is refused and nothing is written', async () => {
    const staff = await signedIn('nhanvien@seedline.vn');
    const page = await staff.get('/coop/members');
    expect(page.status).toBe(200);
    const shown = await text(page);
    expect(shown).toContain('Lê Văn Hòa');
    expect(shown).not.toContain('Gửi lời mời');
    const before = await counts();
    const response = await staff.post('/coop/members', { name: 'Mới', email: 'moi@example.vn', role: 'ADMIN' });
    expect(response.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('mails a one-time link that sets the password, signs the farmer in to their farm, and works once', async () => {
    const admin = await signedIn('admin@seedline.vn');
    const form = { name: 'Đỗ Thị Mai', email: 'Mai.Do@Example.vn', role: 'FARMER', farmId: await farmId('YD') };
    expect((await admin.post('/coop/members', form)).status).toBe(302);
    const user = await db().user.findUniqueOrThrow({ where: { email: 'mai.do@example.vn' } });
    expect(user).toMatchObject({ role: 'FARMER', farmId: form.farmId, deactivatedAt: null });
    // Until the link is used nothing logs in to the account, whatever is typed.
    expect((await visitor(app.web.url).post('/login', { email: user.email, password: '' })).status).toBe(400);
    expect(await text(await admin.get('/coop/members'))).toContain('Đã mời, chưa đặt mật khẩu');

    const [mail] = await mailsTo(db(), 'mai.do@example.vn');
    expect(mail!.subject).toContain('Lời mời tham gia hợp tác xã');
    const link = linkIn(mail!, '/invite/');
    const farmer = visitor(app.web.url);
    expect(await text(await farmer.get(link))).toContain('Chào Đỗ Thị Mai');

    const mismatched = await farmer.post(link, { password: 'a long new password', confirm: 'another password' });
    expect(mismatched.status).toBe(400);
    expect(await text(mismatched)).toContain('Hai mật khẩu không giống nhau.');
    const short = await farmer.post(link, { password: 'short', confirm: 'short' });
    expect(await text(short)).toContain('Mật khẩu cần ít nhất 10 ký tự.');
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe('');

    const set = await farmer.post(link, { password: 'a long new password', confirm: 'a long new password' });
    expect(set.status).toBe(302);
    expect(set.headers.get('location')).toBe('/farm');
    expect((await farmer.get('/farm')).status).toBe(200);

    const again = await visitor(app.web.url).post(link, { password: 'someone else pw', confirm: 'someone else pw' });
    expect(again.status).toBe(404);
    expect(await text(again)).toContain('Đường dẫn mời này đã hết hạn hoặc đã được dùng.');
    expect((await visitor(app.web.url).get(link)).status).toBe(404);
    const login = await visitor(app.web.url).post('/login', { email: user.email, password: 'a long new password' });
    expect(login.status).toBe(302);
  });

  it('refuses an expired link, and a new invitation replaces it', async () => {
    const admin = await signedIn('admin@seedline.vn');
    await admin.post('/coop/members', { name: 'Vũ Văn Tùng', email: 'tung@example.vn', role: 'STAFF' });
    const id = await userId('tung@example.vn');
    const expired = linkIn((await mailsTo(db(), 'tung@example.vn'))[0]!, '/invite/');
    await db().invitation.update({ where: { userId: id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await visitor(app.web.url).get(expired)).status).toBe(404);

    expect((await admin.post(`/coop/members/${id}`, { intent: 'reinvite' })).status).toBe(302);
    const fresh = linkIn((await mailsTo(db(), 'tung@example.vn'))[1]!, '/invite/');
    expect(fresh).not.toBe(expired);
    const set = await visitor(app.web.url).post(fresh, { password: 'staff password 1', confirm: 'staff password 1' });
    expect(set.headers.get('location')).toBe('/coop');
  });
});

describe("a member's role and account", () => {
  it("ends a deactivated farmer's open session at once, refuses their log-in, and keeps their records", async () => {
    const email = 'nongdan.hh@seedline.vn';
    const id = await userId(email);
    const farmer = await signedIn(email);
    expect((await farmer.get('/farm')).status).toBe(200);
    const records = await db().farmLog.count({ where: { recordedBy: { id } } });
    expect(records).toBeGreaterThan(0);

    const admin = await signedIn('admin@seedline.vn');
    expect((await admin.post(`/coop/members/${id}`, { intent: 'deactivate' })).status).toBe(302);
    const next = await farmer.get('/farm');
    expect(next.status).toBe(302);
    expect(next.headers.get('location')).toMatch(/^\/login/);
    expect(await db().session.count({ where: { userId: id } })).toBe(0);
    const login = await visitor(app.web.url).post('/login', { email, password: demoPassword });
    expect(login.status).toBe(400);
    expect(await text(login)).toContain('Email hoặc mật khẩu không đúng.');
    expect(await db().farmLog.count({ where: { recordedBy: { id } } })).toBe(records);
    expect(await text(await admin.get('/coop/members'))).toContain('Đã ngừng hoạt động từ');

    expect((await admin.post(`/coop/members/${id}`, { intent: 'reactivate' })).status).toBe(302);
    expect((await visitor(app.web.url).post('/login', { email, password: demoPassword })).status).toBe(302);
  });

  it("stops telling a deactivated farmer of their farm's alarms", async () => {
    const id = await userId('nongdan.xh@seedline.vn');
    const thing = 'seedline-xh-nm1';
    const send = (sequence: number, event: Record<string, unknown>) => {
      const at = Date.now();
      const payload = JSON.stringify(eventPayload(thing, sequence, at, { ...event, at }));
      return ingestBatch(db(), [{ topic: eventsTopic(thing), payload, receivedAt: new Date() }]);
    };
    const raise = (sequence: number) =>
      send(sequence, { type: 'alarm-raised', zoneId: null, alarm: 'leak', message: 'leak', needsAck: true });
    const admin = await signedIn('admin@seedline.vn');
    await admin.post(`/coop/members/${id}`, { intent: 'deactivate' });
    expect((await raise(9001)).stored).toBe(1);
    expect(await db().notification.count({ where: { userId: id } })).toBe(0);
    // The same alarm, raised again once they are back, reaches them.
    await admin.post(`/coop/members/${id}`, { intent: 'reactivate' });
    // Cleared as the bridge clears it (ingest works alarms out from the bridge's signals: decision 034).
    expect((await send(9002, { type: 'alarm-cleared', zoneId: null, alarm: 'leak' })).stored).toBe(1);
    expect((await raise(9003)).stored).toBe(1);
    expect(await db().notification.count({ where: { userId: id, event: 'opened' } })).toBeGreaterThan(0);
  });

  it('gives a farmer another role (the farm goes with it), and asks a farm of a new farmer', async () => {
    const admin = await signedIn('admin@seedline.vn');
    const id = await userId('nongdan.yd@seedline.vn');
    const noFarm = await admin.post(`/coop/members/${id}`, { intent: 'role', role: 'FARMER', farmId: '' });
    expect(noFarm.status).toBe(400);
    expect(await text(noFarm)).toContain('Nông dân cần có trang trại: vui lòng chọn.');
    expect((await admin.post(`/coop/members/${id}`, { intent: 'role', role: 'STAFF' })).status).toBe(302);
    expect(await db().user.findUniqueOrThrow({ where: { id } })).toMatchObject({ role: 'STAFF', farmId: null });
    const back = { intent: 'role', role: 'FARMER', farmId: await farmId('YD') };
    expect((await admin.post(`/coop/members/${id}`, back)).status).toBe(302);
    const staff = await signedIn('nhanvien@seedline.vn');
    expect((await staff.post(`/coop/members/${id}`, { intent: 'role', role: 'ADMIN' })).status).toBe(403);
    expect((await db().user.findUniqueOrThrow({ where: { id } })).role).toBe('FARMER');
  });

  it('never lets the last admin demote or deactivate themselves; with a second admin they may', async () => {
    const admin = await signedIn('admin@seedline.vn');
    const id = await userId('admin@seedline.vn');
    const changes: Record<string, string>[] = [{ intent: 'role', role: 'STAFF' }, { intent: 'deactivate' }];
    for (const form of changes) {
      const refused = await admin.post(`/coop/members/${id}`, form);
      expect(refused.status).toBe(409);
      expect(await text(refused)).toContain('Đây là quản trị viên cuối cùng');
    }
    expect(await db().user.findUniqueOrThrow({ where: { id } })).toMatchObject({ role: 'ADMIN', deactivatedAt: null });

    const staffId = await userId('nhanvien@seedline.vn');
    expect((await admin.post(`/coop/members/${staffId}`, { intent: 'role', role: 'ADMIN' })).status).toBe(302);
    expect((await admin.post(`/coop/members/${id}`, { intent: 'role', role: 'STAFF' })).status).toBe(302);
    const other = await signedIn('nhanvien@seedline.vn');
    expect((await other.post(`/coop/members/${id}`, { intent: 'role', role: 'ADMIN' })).status).toBe(302);
    expect((await other.post(`/coop/members/${staffId}`, { intent: 'role', role: 'STAFF' })).status).toBe(302);
  });
});

describe('member farms', () => {
  const newFarm = { name: 'Trang trại Nga Sơn', commune: 'xã Nga Sơn', province: 'Thanh Hóa', code: 'NS' };

  it.each([
    [{ ...newFarm, name: ' ' }, 'name', 'Vui lòng nhập trường này.'],
    [{ ...newFarm, commune: '' }, 'commune', 'Vui lòng nhập trường này.'],
    [{ ...newFarm, code: 'IO' }, 'code', 'không dùng I, L, O, U'],
    [{ ...newFarm, code: 'xh' }, 'code', 'Mã XH đã thuộc trang trại khác.'],
  ])('refuses a new farm %o beside the field %s, and adds none', async (form, field, message) => {
    const admin = await signedIn('admin@seedline.vn');
    const before = await db().farm.count();
    const response = await admin.post('/coop/farms', form);
    expect([400, 409]).toContain(response.status);
    expect(fieldError(await response.text(), field)).toContain(message);
    expect(await db().farm.count()).toBe(before);
  });

  it('adds a farm, edits it and records its certification, which staff may read but not change', async () => {
    const admin = await signedIn('admin@seedline.vn');
    const added = await admin.post('/coop/farms', { ...newFarm, code: 'ns' });
    expect(added.status).toBe(302);
    const farm = await db().farm.findUniqueOrThrow({ where: { code: 'NS' } });
    const page = `/coop/farms/${farm.id}`;
    const unnamed = await admin.post(page, { intent: 'save', ...newFarm, name: '', province: 'x'.repeat(121) });
    expect(unnamed.status).toBe(400);
    const refusedEdit = await unnamed.text();
    expect(fieldError(refusedEdit, 'name')).toContain('Vui lòng nhập trường này.');
    expect(fieldError(refusedEdit, 'province')).toContain('Tối đa 120 ký tự.');
    expect((await db().farm.findUniqueOrThrow({ where: { id: farm.id } })).name).toBe(newFarm.name);
    expect((await admin.post(page, { intent: 'save', ...newFarm, name: 'HTX Nga Sơn' })).status).toBe(302);
    const cert = { intent: 'certify', scheme: 'VIETGAP', number: 'VietGAP-TT-26-01-38-0201' };
    const backwards = await admin.post(page, { ...cert, validFrom: '2026-12-01', validUntil: '2026-01-01' });
    expect(fieldError(await backwards.text(), 'validUntil')).toContain('Ngày hết hạn phải sau ngày cấp.');
    const noDay = await admin.post(page, { ...cert, validFrom: '', validUntil: '2028-12-01' });
    expect(fieldError(await noDay.text(), 'validFrom')).toContain('Vui lòng chọn ngày.');
    expect(await db().certification.count({ where: { farmId: farm.id } })).toBe(0);
    const valid = { ...cert, validFrom: '2026-12-01', validUntil: '2028-11-30' };
    expect((await admin.post(page, valid)).status).toBe(302);
    const twice = await admin.post(page, valid);
    expect(fieldError(await twice.text(), 'number')).toContain('đã được ghi');

    const staff = await signedIn('nhanvien@seedline.vn');
    const shown = await text(await staff.get(page));
    expect(shown).toContain('HTX Nga Sơn');
    expect(shown).toContain('VietGAP VietGAP-TT-26-01-38-0201 · hiệu lực đến 30 thg 11, 2028');
    expect(shown).not.toContain('Thêm chứng nhận');
    expect((await staff.post(page, { intent: 'save', ...newFarm })).status).toBe(403);
    expect((await staff.post('/coop/farms', { ...newFarm, code: 'NT' })).status).toBe(403);
    expect((await db().farm.findUniqueOrThrow({ where: { id: farm.id } })).name).toBe('HTX Nga Sơn');
  });
});

describe('the member pages', () => {
  const keys = [...new Set(allCatalogs.flatMap((c) => Object.keys(c.vi)))];

  it.each(['vi', 'en'] as const)('speak %s, never showing a message key', async (locale) => {
    const admin = await signedInVisitor(app.web.url, 'admin@seedline.vn', locale);
    const farmer = await userId('nongdan.xh@seedline.vn');
    const pages = ['/coop/farms', `/coop/farms/${await farmId('XH')}`, '/coop/members', `/coop/members/${farmer}`];
    for (const path of pages) {
      const shown = visibleText(await (await admin.get(path)).text());
      const leaked = keys.filter((key) =>
        new RegExp(`(^|[\\s(>"])${key.replace(/\./g, '\\.')}($|[\\s)<".:,])`).test(shown),
      );
      expect({ path, leaked }).toEqual({ path, leaked: [] });
    }
    const members = visibleText(await (await admin.get('/coop/members')).text());
    expect(members).toContain(locale === 'en' ? 'Invite a member' : 'Mời thành viên');
  });
});
