import QRCode from 'qrcode';

/** QR code options shared by both renderings: medium error correction, a quiet zone of 2 modules. */
const BASE = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** A PNG of `text` as a QR code, `sizePx` pixels wide (default 300). */
export async function qrPng(text: string, sizePx = 300): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...BASE, type: 'png', width: sizePx });
}

/** An SVG document of `text` as a QR code (scales without loss; for web pages). */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...BASE, type: 'svg' });
}
