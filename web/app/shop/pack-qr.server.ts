import QRCode from 'qrcode';

/**
 * The QR code printed on a pack, as an SVG document: it carries the pack's GS1 Digital Link URI.
 * Error correction M survives a scuffed label; the 4-module quiet zone is what scanners expect.
 */
export function packQrSvg(digitalLink: string): Promise<string> {
  return QRCode.toString(digitalLink, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  });
}
