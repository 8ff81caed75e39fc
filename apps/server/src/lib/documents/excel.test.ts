import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildWorkbook, cellText, NOT_XLSX_MESSAGE, readFirstSheet, SpreadsheetError } from './excel';

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return wb;
}

describe('buildWorkbook', () => {
  it('writes a bold, frozen header row, widths and dates as text', async () => {
    const buf = await buildWorkbook([
      {
        name: '组织',
        columns: [
          { header: '组织名称', key: 'name' },
          { header: '成立日期', key: 'foundedOn' },
          { header: '成员人数', key: 'members', width: 12 },
        ],
        rows: [
          { name: '科技园社区夕阳红合唱团', foundedOn: new Date(Date.UTC(2024, 2, 1)), members: 25 },
          { name: '后海社区读书会', foundedOn: null, members: 0 },
        ],
      },
      { name: '空表', columns: [{ header: '说明', key: 'x' }], rows: [] },
    ]);
    const wb = await load(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['组织', '空表']);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('B2').value).toBe('2024-03-01');
    expect(ws.getCell('C2').value).toBe(25);
    expect(ws.getColumn(3).width).toBe(12);
    // 11 CJK characters count double, plus padding
    expect(ws.getColumn(1).width).toBe(24);

    const read = await readFirstSheet(buf);
    expect(read.headers).toEqual(['组织名称', '成立日期', '成员人数']);
    expect(read.rows).toEqual([
      {
        rowNumber: 2,
        values: { 组织名称: '科技园社区夕阳红合唱团', 成立日期: '2024-03-01', 成员人数: '25' },
      },
      { rowNumber: 3, values: { 组织名称: '后海社区读书会', 成立日期: '', 成员人数: '0' } },
    ]);
  });
});

describe('readFirstSheet', () => {
  it('normalises every kind of cell value to trimmed text and skips empty rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['  名称 ', '日期', '数值', '公式', '链接', '布尔']);
    ws.addRow([
      { richText: [{ text: ' 夕阳红' }, { font: { bold: true }, text: '合唱团 ' }] },
      new Date(Date.UTC(2023, 11, 31)),
      1e21,
      { formula: '1+1', result: 2 },
      { text: '官网', hyperlink: 'https://example.org' },
      true,
    ]);
    ws.addRow([]);
    ws.getCell('A4').value = '   ';
    ws.addRow([
      '读书会',
      null,
      0.1 + 0.2,
      { formula: 'TODAY()', result: new Date(Date.UTC(2026, 0, 2)) },
      '',
      false,
    ]);
    ws.getCell('A6').value = 440305007003;
    wb.addWorksheet('第二页').addRow(['不读']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());

    const read = await readFirstSheet(buf);
    expect(read.headers).toEqual(['名称', '日期', '数值', '公式', '链接', '布尔']);
    expect(read.rows).toEqual([
      {
        rowNumber: 2,
        values: {
          名称: '夕阳红合唱团',
          日期: '2023-12-31',
          数值: '1000000000000000000000',
          公式: '2',
          链接: '官网',
          布尔: 'TRUE',
        },
      },
      {
        rowNumber: 5,
        values: { 名称: '读书会', 日期: '', 数值: '0.3', 公式: '2026-01-02', 链接: '', 布尔: 'FALSE' },
      },
      { rowNumber: 6, values: { 名称: '440305007003', 日期: '', 数值: '', 公式: '', 链接: '', 布尔: '' } },
    ]);
  });

  it('rejects a file that is not an xlsx workbook', async () => {
    await expect(readFirstSheet(Buffer.from('组织名称,负责人\n夕阳红,张明\n'))).rejects.toBeInstanceOf(
      SpreadsheetError,
    );
    await expect(readFirstSheet(Buffer.from('%PDF-1.7 not a sheet'))).rejects.toThrow(NOT_XLSX_MESSAGE);
    // A ZIP signature followed by garbage
    const fakeZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    await expect(readFirstSheet(fakeZip)).rejects.toMatchObject({
      name: 'SpreadsheetError',
      message: '文件不是有效的 Excel（.xlsx）文件',
    });
    await expect(readFirstSheet(Buffer.alloc(0))).rejects.toBeInstanceOf(SpreadsheetError);
  });
});

describe('cellText', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['  a  ', 'a'],
    [2 ** 70, '1180591620717411303424'],
    [-0.000001, '-0.000001'],
    [{ error: '#N/A' }, '#N/A'],
    [{ sharedFormula: 'A1', result: ' x ' }, 'x'],
    [{ text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'mailto:x' }, 'ab'],
  ])('%j → %s', (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});
