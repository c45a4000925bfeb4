import QRCode from 'qrcode';
import { transferAccount } from './settings.server.ts';
import { vietQrPayload } from './vietqr.ts';

/** The VietQR of an order's bank transfer as inline SVG, with what it carries; null when no account is set. */
export async function transferQr(order: { reference: string; totalVnd: number }) {
  const account = transferAccount();
  if (!account) return null;
  const payload = vietQrPayload({ ...account, amountVnd: order.totalVnd, purpose: order.reference });
  // Our own payload drawn by qrcode: the SVG holds no buyer input, so it is safe to inline.
  const svg = await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { svg, payload, ...account };
}
