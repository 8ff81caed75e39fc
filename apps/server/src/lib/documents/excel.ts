import ExcelJS from 'exceljs';

/** A spreadsheet that cannot be read; `message` is Chinese and safe to show to the user. */
export class SpreadsheetError extends Error {
  override readonly name = 'SpreadsheetError';
  readonly code = 'INVALID_SPREADSHEET';
}

export const NOT_XLSX_MESSAGE = '文件不是有效的 Excel（.xlsx）文件';

export interface SheetColumn {
  header: string;
  key: string;
  /** Width in characters; computed from the content when omitted. */
  width?: number;
}

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  rows: Record<string, unknown>[];
}

export interface ReadSheet {
  /** Row 1, each cell normalised (see {@link cellText}); empty string for an empty header cell. */
  headers: string[];
  /** Data rows (from row 2) that have at least one non-empty cell, keyed by header. */
  rows: { rowNumber: number; values: Record<string, string> }[];
}

/** Rows a list export writes at most (the organization and service-record exports' cap). */
export const EXPORT_ROW_LIMIT = 50_000;

/** The MIME type every .xlsx download answers with. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SHANGHAI_DATE_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** A moment as staff read it in a sheet: `YYYY-MM-DD HH:mm` in Asia/Shanghai; '' for none. */
export function shanghaiDateTime(d: Date | string | null | undefined): string {
  if (d === null || d === undefined) return '';
  const date = d instanceof Date ? d : new Date(d);
  return Number.isNaN(date.getTime()) ? '' : SHANGHAI_DATE_TIME.format(date);
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };

/** YYYY-MM-DD of an ExcelJS date. ExcelJS represents a calendar date as midnight UTC. */
export function excelDateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  return d.toISOString().slice(0, 10);
}

/** A number as plain decimal text: no exponent, no grouping, floating-point noise removed. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return BigInt(n).toString();
  return n.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 15 });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * A cell value as trimmed text: rich text joined, formulas by their cached result, hyperlinks
 * by their text, dates as YYYY-MM-DD, numbers without exponent, booleans as TRUE/FALSE,
 * errors as their code (#N/A), empty as ''.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return excelDateText(value);
  if (isRecord(value)) {
    if (Array.isArray(value.richText)) {
      return value.richText
        .map((run) => (isRecord(run) && typeof run.text === 'string' ? run.text : ''))
        .join('')
        .trim();
    }
    if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
    if ('hyperlink' in value || 'text' in value) return cellText(value.text);
    if (typeof value.error === 'string') return value.error;
  }
  return String(value).trim();
}

/** East Asian wide and full-width ranges (Hangul Jamo, CJK, Hangul, compatibility, full-width forms). */
const WIDE_RANGES: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x3fffd],
];

/** Display width of text in Excel "characters": CJK and full-width characters count double. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    w += WIDE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi) ? 2 : 1;
  }
  return w;
}

/** What a value is written as: dates become YYYY-MM-DD text, plain objects their JSON. */
function writeValue(v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return excelDateText(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return v.toString();
  return JSON.stringify(v);
}

/** Bold, shaded, frozen header row with an auto-filter; widths from `width` or the content. */
export function addTableSheet(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({ header: c.header, key: c.key }));
  for (const row of spec.rows) {
    const values: Record<string, ExcelJS.CellValue> = {};
    for (const c of spec.columns) values[c.key] = writeValue(row[c.key]);
    ws.addRow(values);
  }
  spec.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (c.width) {
      col.width = c.width;
      return;
    }
    let max = displayWidth(c.header);
    // Sample the first 1,000 rows: enough to size a column, cheap for large exports.
    for (const row of spec.rows.slice(0, 1000)) {
      max = Math.max(max, displayWidth(cellText(writeValue(row[c.key]))));
    }
    col.width = Math.min(60, Math.max(8, max + 2));
  });
  styleHeaderRow(ws, spec.columns.length);
  return ws;
}

export function styleHeaderRow(ws: ExcelJS.Worksheet, columnCount: number): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.height = 20;
  for (let i = 1; i <= columnCount; i++) {
    const cell = header.getCell(i);
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8C8C8C' } } };
  }
  if (columnCount > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columnCount } };
  }
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An .xlsx file with one sheet per spec. */
export async function buildWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  for (const sheet of sheets) addTableSheet(wb, sheet);
  return workbookBuffer(wb);
}

/** Loads an .xlsx buffer; anything else is a {@link SpreadsheetError}. */
export async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  // An .xlsx is a ZIP archive: reject other files before handing them to the parser.
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw new SpreadsheetError(NOT_XLSX_MESSAGE);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch {
    throw new SpreadsheetError(NOT_XLSX_MESSAGE);
  }
  return wb;
}

/** The first worksheet's header row and non-empty data rows as trimmed text. */
export async function readFirstSheet(buf: Buffer): Promise<ReadSheet> {
  const wb = await loadWorkbook(buf);
  const ws = wb.worksheets[0];
  if (!ws) throw new SpreadsheetError('Excel 文件中没有工作表');
  return readSheet(ws);
}

export function readSheet(ws: ExcelJS.Worksheet): ReadSheet {
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  for (let c = 1; c <= headerRow.cellCount; c++) headers.push(cellText(headerRow.getCell(c).value));
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();

  const rows: ReadSheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    let any = false;
    headers.forEach((h, i) => {
      if (!h) return;
      const text = cellText(row.getCell(i + 1).value);
      if (text) any = true;
      if (!(h in values) || text) values[h] = text;
    });
    if (any) rows.push({ rowNumber, values });
  });
  return { headers, rows };
}
