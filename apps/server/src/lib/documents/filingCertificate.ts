import PDFDocument from 'pdfkit';
import { cjkBoldFontPath, cjkFontPath, fontBytes } from './fonts';
import { qrPng } from './qr';

/** What a filing certificate (备案证书) shows. Names are already masked where needed. */
export interface FilingCertificateData {
  /** 备案编号 */
  number: string;
  name: string;
  /** e.g. 备案类 */
  tierLabel: string;
  /** e.g. 公益慈善类 */
  categoryName: string;
  /** e.g. 张*明 */
  leaderNameMasked: string;
  businessScope: string;
  venue: string;
  communityName: string;
  streetName: string;
  districtName: string;
  /** YYYY-MM-DD */
  filedOn: string;
  /** The filing authority, e.g. 南山区粤海街道办事处 */
  issuer: string;
  /** Public verification page the QR code points to. */
  verifyUrl: string;
}

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–31 in Chinese numerals: 十, 十一, 二十, 二十三, 三十一. */
function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

function parseDate(isoDate: string): { y: string; m: number; d: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`date must be YYYY-MM-DD: ${isoDate}`);
  return { y: m[1], m: Number(m[2]), d: Number(m[3]) };
}

/** `2026-11-23` → `二〇二六年十一月二十三日`, the style of official documents. */
export function chineseDate(isoDate: string): string {
  const { y, m, d } = parseDate(isoDate);
  const year = [...y].map((c) => DIGITS[Number(c)]).join('');
  return `${year}年${chineseNumber(m)}月${chineseNumber(d)}日`;
}

/** `2026-11-23` → `2026年11月23日`. */
function arabicChineseDate(isoDate: string): string {
  const { y, m, d } = parseDate(isoDate);
  return `${y}年${m}月${d}日`;
}

// A4 landscape in points.
const PAGE_W = 841.89;
const PAGE_H = 595.28;
const RED = '#9e1b1b';
const INK = '#1f1f1f';
const GREY = '#595959';
const RULE = '#8c8c8c';

// Layout: particulars table on the left, QR code and issuer on the right.
const TABLE_X = 72;
const LABEL_W = 96;
const VALUE_W = 436;
const TABLE_W = LABEL_W + VALUE_W;
const TABLE_TOP = 184;
const TABLE_BOTTOM_MAX = 500;
const PAD_X = 10;
const PAD_Y = 8;
const VALUE_SIZE = 12.5;
const MIN_ROW_H = 30;

const SIDE_X = 628;
const SIDE_W = 150;
const QR_SIZE = 124;

/**
 * Renders the filing certificate as a print-ready A4 landscape PDF in Chinese.
 * Long values wrap inside their table cell; an overlong business scope is set smaller
 * and, past what a page can hold, cut with an ellipsis, so the page never overflows.
 */
export async function renderFilingCertificate(c: FilingCertificateData): Promise<Buffer> {
  const qr = await qrPng(c.verifyUrl, 360);
  const issuedOn = chineseDate(c.filedOn);

  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: false,
    info: {
      Title: `社区社会组织备案证书 ${c.number}`,
      Author: 'Linli 邻里',
      Subject: `${c.name} 备案证书`,
      Creator: 'Linli 邻里',
      Keywords: `备案证书, ${c.number}`,
    },
    displayTitle: true,
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // registered once from bytes; a `font` path in the constructor would load the CJK font a second
  // time and make every text call several times slower
  doc.registerFont('cjk', fontBytes(cjkFontPath()));
  doc.registerFont('cjk-bold', fontBytes(cjkBoldFontPath()));
  doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });

  // Border: a heavy outer frame and a fine inner rule.
  doc.save();
  doc
    .lineWidth(3)
    .strokeColor(RED)
    .rect(20, 20, PAGE_W - 40, PAGE_H - 40)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(28, 28, PAGE_W - 56, PAGE_H - 56)
    .stroke();
  doc.restore();

  // Title and number.
  doc.font('cjk-bold').fontSize(32).fillColor(RED);
  doc.text('社区社会组织备案证书', 0, 58, { width: PAGE_W, align: 'center', characterSpacing: 6 });
  doc.font('cjk').fontSize(13).fillColor(INK);
  doc.text(`备案编号：${c.number}`, 0, 112, { width: PAGE_W, align: 'center' });

  doc.fontSize(12.5).fillColor(INK);
  doc.text('经审核，下列组织符合社区社会组织备案条件，准予备案，特发此证。', TABLE_X, 150, {
    width: TABLE_W,
  });

  // Particulars.
  const rows: [string, string][] = [
    ['组织名称', c.name],
    ['组织类别', `${c.categoryName}（${c.tierLabel}）`],
    ['负责人', c.leaderNameMasked],
    ['业务范围', c.businessScope.trim()],
    ['活动场所', c.venue],
    ['所属社区', `${c.districtName}${c.streetName}${c.communityName}`],
    ['备案日期', arabicChineseDate(c.filedOn)],
  ];
  const SCOPE_ROW = 3;
  const textW = VALUE_W - 2 * PAD_X;

  doc.font('cjk').fontSize(VALUE_SIZE);
  const heights = rows.map(([, value]) =>
    Math.max(MIN_ROW_H, doc.heightOfString(value || '—', { width: textW }) + 2 * PAD_Y),
  );
  // Fit the business scope into what the other rows leave over.
  const others = heights.reduce((sum, h, i) => (i === SCOPE_ROW ? sum : sum + h), 0);
  const scopeRoom = Math.max(MIN_ROW_H, TABLE_BOTTOM_MAX - TABLE_TOP - others);
  const scope = fitText(doc, rows[SCOPE_ROW][1] || '—', textW, scopeRoom - 2 * PAD_Y);
  rows[SCOPE_ROW][1] = scope.text;
  heights[SCOPE_ROW] = Math.max(MIN_ROW_H, scope.height + 2 * PAD_Y);

  let y = TABLE_TOP;
  const tableH = heights.reduce((a, b) => a + b, 0);
  doc.save().rect(TABLE_X, TABLE_TOP, LABEL_W, tableH).fill('#f7efe9').restore();
  rows.forEach(([label, value], i) => {
    const h = heights[i];
    const size = i === SCOPE_ROW ? scope.size : VALUE_SIZE;
    // Labels are spread across their cell (分散对齐), as on printed forms.
    doc.font('cjk-bold').fontSize(12.5).fillColor(INK);
    const labelW = LABEL_W - 2 * PAD_X;
    const spread = (labelW - doc.widthOfString(label)) / Math.max(1, [...label].length - 1);
    const labelH = doc.heightOfString(label, { width: labelW });
    doc.text(label, TABLE_X + PAD_X, y + (h - labelH) / 2, {
      lineBreak: false,
      characterSpacing: Math.max(0, spread),
    });
    doc.font('cjk').fontSize(size).fillColor(INK);
    const valueH = doc.heightOfString(value || '—', { width: textW });
    const valueY = valueH + 2 * PAD_Y >= h ? y + PAD_Y : y + (h - valueH) / 2;
    doc.text(value || '—', TABLE_X + LABEL_W + PAD_X, valueY, { width: textW });
    if (i > 0) {
      doc.save().lineWidth(0.6).strokeColor(RULE);
      doc
        .moveTo(TABLE_X, y)
        .lineTo(TABLE_X + TABLE_W, y)
        .stroke()
        .restore();
    }
    y += h;
  });
  doc.save().lineWidth(1).strokeColor(INK).rect(TABLE_X, TABLE_TOP, TABLE_W, tableH).stroke();
  doc
    .lineWidth(0.6)
    .strokeColor(RULE)
    .moveTo(TABLE_X + LABEL_W, TABLE_TOP)
    .lineTo(TABLE_X + LABEL_W, TABLE_TOP + tableH)
    .stroke()
    .restore();

  // QR code for verification.
  const qrX = SIDE_X + (SIDE_W - QR_SIZE) / 2;
  doc.image(qr, qrX, TABLE_TOP, { width: QR_SIZE, height: QR_SIZE });
  doc.font('cjk').fontSize(11).fillColor(INK);
  doc.text('扫码核验证书真伪', SIDE_X, TABLE_TOP + QR_SIZE + 6, { width: SIDE_W, align: 'center' });
  doc.fontSize(7.5).fillColor(GREY);
  const url = fitText(doc, c.verifyUrl, SIDE_W, 40, [7.5, 7, 6.5, 6]);
  doc.fontSize(url.size).text(url.text, SIDE_X, TABLE_TOP + QR_SIZE + 24, {
    width: SIDE_W,
    align: 'center',
  });

  // Issuing office and date, where the seal goes.
  const sealTop = 410;
  doc.font('cjk').fontSize(10).fillColor(GREY);
  doc.text('备案机关（盖章）', SIDE_X - 30, sealTop, { width: SIDE_W + 40, align: 'center' });
  doc.font('cjk-bold');
  const issuer = fitText(doc, c.issuer, SIDE_W + 40, 40, [15, 14, 13, 12, 11]);
  doc.fontSize(issuer.size).fillColor(INK);
  doc.text(issuer.text, SIDE_X - 30, sealTop + 22, { width: SIDE_W + 40, align: 'center' });
  doc.font('cjk').fontSize(13).fillColor(INK);
  doc.text(issuedOn, SIDE_X - 30, sealTop + 30 + issuer.height, { width: SIDE_W + 40, align: 'center' });

  // Footnote.
  doc.font('cjk').fontSize(9).fillColor(GREY);
  doc.text(
    '备案类社区社会组织不具有法人资格。本证书信息以备案机关登记为准，可扫描二维码或访问上述网址核验。',
    TABLE_X,
    530,
    { width: PAGE_W - 2 * TABLE_X, align: 'center' },
  );

  doc.end();
  return done;
}

/**
 * The largest of `sizes` at which `text` fits `maxHeight` in `width`; at the smallest size
 * the text is cut and ends with an ellipsis. Leaves the font size set to the result.
 */
function fitText(
  doc: PDFKit.PDFDocument,
  text: string,
  width: number,
  maxHeight: number,
  sizes: number[] = [VALUE_SIZE, 11.5, 10.5, 9.5, 9],
): { text: string; size: number; height: number } {
  for (const size of sizes) {
    doc.fontSize(size);
    const height = doc.heightOfString(text, { width });
    if (height <= maxHeight) return { text, size, height };
  }
  const size = sizes[sizes.length - 1];
  doc.fontSize(size);
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.heightOfString(`${chars.slice(0, mid).join('')}……`, { width }) <= maxHeight) lo = mid;
    else hi = mid - 1;
  }
  const cut = `${chars.slice(0, lo).join('')}……`;
  return { text: cut, size, height: doc.heightOfString(cut, { width }) };
}
