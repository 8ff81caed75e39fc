import PDFDocument from 'pdfkit';
import { chineseDate } from './filingCertificate';
import { cjkBoldFontPath, cjkFontPath, fontBytes } from './fonts';
import { qrPng } from './qr';

/** One line of a service certificate: one service record. */
export interface ServiceCertificateLine {
  /** YYYY-MM-DD */
  date: string;
  title: string;
  organization: string;
  /** e.g. 2.5小时 */
  hours: string;
  /** checkin | backfill */
  source: 'checkin' | 'backfill';
}

/** What a service certificate (志愿服务记录证明) states. The ID number is already masked. */
export interface ServiceCertificateData {
  number: string;
  realName: string;
  idNumberMasked: string;
  volunteerNumber: string;
  periodFrom: string;
  periodTo: string;
  /** e.g. 12.5小时 */
  hours: string;
  records: number;
  /** hours from check-in/out and from approved backfills, e.g. 10小时 / 2.5小时 */
  checkinHours: string;
  backfillHours: string;
  /** the recording unit(s) */
  issuer: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  lines: ServiceCertificateLine[];
  verifyUrl: string;
  revoked?: boolean;
}

// A4 portrait in points.
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN_X = 56;
const CONTENT_W = PAGE_W - 2 * MARGIN_X;
const BOTTOM = PAGE_H - 72;
const RED = '#9e1b1b';
const INK = '#1f1f1f';
const GREY = '#595959';
const RULE = '#8c8c8c';
const QR_SIZE = 96;

/** Columns of the records table: 日期, 活动名称, 记录单位, 时长, 来源. */
const COLS = [
  { header: '服务日期', width: 70 },
  { header: '活动名称', width: 170 },
  { header: '记录单位', width: 140 },
  { header: '时长', width: 50 },
  { header: '来源', width: 53.28 },
] as const;
const CELL_PAD = 4;
const ROW_SIZE = 9.5;

const SOURCE_LABEL = { checkin: '签到', backfill: '补录' } as const;

const ymd = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * Renders the certificate as an A4 portrait PDF in Chinese: particulars, a records table that
 * continues on further pages when long (header repeated), the issuer, date, number, and a QR
 * code that opens the public verification page. Every page carries the number and page count.
 */
export async function renderServiceCertificate(c: ServiceCertificateData): Promise<Buffer> {
  const qr = await qrPng(c.verifyUrl, 300);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    info: {
      Title: `志愿服务记录证明 ${c.number}`,
      Author: 'Linli 邻里',
      Subject: `${c.realName} 志愿服务记录证明`,
      Creator: 'Linli 邻里',
      Keywords: c.number,
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
  doc.registerFont('cjk', fontBytes(cjkFontPath()));
  doc.registerFont('cjk-bold', fontBytes(cjkBoldFontPath()));

  const newPage = () => {
    doc.addPage({ size: 'A4', margin: 0 });
    doc
      .save()
      .lineWidth(2)
      .strokeColor(RED)
      .rect(24, 24, PAGE_W - 48, PAGE_H - 48)
      .stroke()
      .restore();
  };
  newPage();

  // Title, number and QR code.
  doc.font('cjk-bold').fontSize(26).fillColor(RED);
  doc.text('志愿服务记录证明', MARGIN_X, 60, { width: CONTENT_W, align: 'center', characterSpacing: 4 });
  doc.font('cjk').fontSize(11).fillColor(INK);
  doc.text(`证明编号：${c.number}`, MARGIN_X, 104, { width: CONTENT_W, align: 'center' });
  if (c.revoked) {
    doc.font('cjk-bold').fontSize(14).fillColor(RED);
    doc.text('本证明已撤销', MARGIN_X, 122, { width: CONTENT_W, align: 'center' });
  }

  const qrX = PAGE_W - MARGIN_X - QR_SIZE;
  const top = 146;
  doc.image(qr, qrX, top, { width: QR_SIZE, height: QR_SIZE });
  doc.font('cjk').fontSize(8).fillColor(GREY);
  doc.text('扫码核验真伪', qrX, top + QR_SIZE + 2, { width: QR_SIZE, align: 'center' });

  // Particulars (left of the QR code).
  const rows: [string, string][] = [
    ['姓名', c.realName],
    ['证件号码', c.idNumberMasked],
    ['志愿者编号', c.volunteerNumber],
    ['服务期间', `${ymd(c.periodFrom)} 至 ${ymd(c.periodTo)}`],
    ['服务次数', `${c.records} 次`],
    ['服务时长', `${c.hours}（签到 ${c.checkinHours}，补录 ${c.backfillHours}）`],
    ['记录单位', c.issuer],
  ];
  const labelW = 72;
  const valueW = qrX - MARGIN_X - labelW - 16;
  let y = top;
  for (const [label, value] of rows) {
    doc.font('cjk').fontSize(11);
    const h = Math.max(20, doc.heightOfString(value, { width: valueW }) + 6);
    doc
      .font('cjk-bold')
      .fillColor(INK)
      .text(`${label}：`, MARGIN_X, y + 3, { width: labelW });
    doc
      .font('cjk')
      .fillColor(INK)
      .text(value, MARGIN_X + labelW, y + 3, { width: valueW });
    y += h;
  }
  y = Math.max(y, top + QR_SIZE + 16) + 8;

  doc.font('cjk').fontSize(11).fillColor(INK);
  const statement = `兹证明 ${c.realName}（志愿者编号 ${c.volunteerNumber}）于 ${ymd(c.periodFrom)} 至 ${ymd(
    c.periodTo,
  )} 期间参加志愿服务 ${c.records} 次，累计服务时长 ${c.hours}。服务记录明细如下（来源“签到”为现场签到签退，“补录”为组织方补录并经复核）。`;
  doc.text(statement, MARGIN_X, y, { width: CONTENT_W, lineGap: 3 });
  y = doc.y + 10;

  // Records table, continued on further pages with its header repeated.
  const header = () => {
    doc.font('cjk-bold').fontSize(ROW_SIZE).fillColor(INK);
    const h = 20;
    doc.save().rect(MARGIN_X, y, CONTENT_W, h).fill('#f3ece6').restore();
    let x = MARGIN_X;
    for (const col of COLS) {
      doc.font('cjk-bold').fontSize(ROW_SIZE).fillColor(INK);
      doc.text(col.header, x + CELL_PAD, y + 5, { width: col.width - 2 * CELL_PAD, lineBreak: false });
      x += col.width;
    }
    doc
      .save()
      .lineWidth(0.8)
      .strokeColor(INK)
      .moveTo(MARGIN_X, y + h)
      .lineTo(MARGIN_X + CONTENT_W, y + h)
      .stroke()
      .restore();
    y += h;
  };
  header();
  for (const line of c.lines) {
    const cells = [line.date, line.title, line.organization, line.hours, SOURCE_LABEL[line.source]];
    doc.font('cjk').fontSize(ROW_SIZE);
    const h =
      Math.max(
        ...cells.map((t, i) => doc.heightOfString(t || '—', { width: COLS[i].width - 2 * CELL_PAD })),
      ) + 8;
    if (y + h > BOTTOM) {
      newPage();
      y = 60;
      header();
    }
    let x = MARGIN_X;
    cells.forEach((t, i) => {
      doc
        .font('cjk')
        .fontSize(ROW_SIZE)
        .fillColor(i === 4 && line.source === 'backfill' ? RED : INK);
      doc.text(t || '—', x + CELL_PAD, y + 4, { width: COLS[i].width - 2 * CELL_PAD });
      x += COLS[i].width;
    });
    y += h;
    doc
      .save()
      .lineWidth(0.4)
      .strokeColor(RULE)
      .moveTo(MARGIN_X, y)
      .lineTo(MARGIN_X + CONTENT_W, y)
      .stroke()
      .restore();
  }
  if (c.lines.length === 0) {
    doc
      .font('cjk')
      .fontSize(ROW_SIZE)
      .fillColor(GREY)
      .text('（无记录）', MARGIN_X, y + 4);
    y += 20;
  }

  // Issuer and date, where the seal goes.
  const sealH = 110;
  if (y + 20 + sealH > BOTTOM) {
    newPage();
    y = 60;
  }
  y += 24;
  const sealX = PAGE_W - MARGIN_X - 240;
  doc
    .font('cjk')
    .fontSize(10)
    .fillColor(GREY)
    .text('记录单位（盖章）', sealX, y, { width: 240, align: 'center' });
  doc
    .font('cjk-bold')
    .fontSize(13)
    .fillColor(INK)
    .text(c.issuer, sealX, y + 18, { width: 240, align: 'center' });
  doc
    .font('cjk')
    .fontSize(12)
    .fillColor(INK)
    .text(chineseDate(c.issuedOn), sealX, doc.y + 6, {
      width: 240,
      align: 'center',
    });
  doc.font('cjk').fontSize(8.5).fillColor(GREY);
  doc.text(
    `本证明免费出具，依据志愿服务记录开具。扫描二维码或访问 ${c.verifyUrl} 核验真伪。`,
    MARGIN_X,
    doc.y + 16,
    { width: CONTENT_W },
  );

  // Number and page count on every page.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.font('cjk').fontSize(8).fillColor(GREY);
    doc.text(`证明编号 ${c.number}    第 ${i + 1} 页 / 共 ${range.count} 页`, MARGIN_X, PAGE_H - 50, {
      width: CONTENT_W,
      align: 'center',
      lineBreak: false,
    });
  }

  doc.end();
  return done;
}
