import { makeIdNumber, makeUscc, shenzhenScheme } from '@linli/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SpreadsheetError } from './excel';
import {
  buildOrgImportTemplate,
  ORG_IMPORT_HELP_SHEET,
  ORG_IMPORT_SHEET,
  type OrgImportContext,
  type OrgImportKey,
  orgImportColumns,
  orgImportHeaders,
  parseImportDate,
  parseOrgImport,
} from './orgImport';

type XlsxInput = Parameters<ExcelJS.Xlsx['load']>[0];

const categories = shenzhenScheme.categories.map(({ code, name }) => ({ code, name }));
// Real NBS division codes: 粤海街道 440305007 and 招商街道 440305006 (深圳市南山区), and two
// 幸福社区 in Beijing (东城区 and 海淀区) to exercise an ambiguous community name.
const communities = [
  { code: '440305007003', name: '科技园社区居委会', streetCode: '440305007' },
  { code: '440305007011', name: '后海社区居委会', streetCode: '440305007' },
  { code: '440305006002', name: '水湾社区居委会', streetCode: '440305006' },
  { code: '110101014016', name: '幸福社区居委会', streetCode: '110101014' },
  { code: '110108021031', name: '幸福社区居委会', streetCode: '110108021' },
];
const ctx: OrgImportContext = {
  categories,
  communities,
  existingNames: new Set(['440305007|后海社区读书会']),
  today: '2026-11-23',
};

const ID_1 = makeIdNumber('44030519800101001'); // ends in a digit
const ID_X = '11010519491231002X';
const USCC = makeUscc('5244030512345678');

type RowInput = Partial<Record<OrgImportKey, ExcelJS.CellValue>>;

/** Writes rows into the template (starting below the example row) and returns the file. */
async function fill(template: Buffer, rows: Record<number, RowInput>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as XlsxInput);
  const ws = wb.getWorksheet(ORG_IMPORT_SHEET)!;
  for (const [rowNumber, values] of Object.entries(rows)) {
    const row = ws.getRow(Number(rowNumber));
    orgImportColumns.forEach((c, i) => {
      if (c.key in values) row.getCell(i + 1).value = values[c.key] ?? null;
    });
    row.commit();
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function sheetFile(headers: string[], rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const base = (over: RowInput): RowInput => ({
  tier: '备案类',
  category: '文体活动',
  community: '科技园社区',
  leaderName: '王芳',
  ...over,
});

describe('buildOrgImportTemplate', () => {
  it('has the headers in order, a marked example row, instructions and dropdowns', async () => {
    const buf = await buildOrgImportTemplate({ categories, communities });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as XlsxInput);
    expect(wb.worksheets.map((w) => w.name)).toEqual([ORG_IMPORT_SHEET, ORG_IMPORT_HELP_SHEET, '选项']);

    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(headers).toEqual([
      '组织名称*',
      '组织层级*',
      '组织类别*',
      '所属社区*',
      '业务范围',
      '活动场所',
      '成立日期',
      '负责人姓名*',
      '负责人身份证号',
      '负责人手机号',
      '联系人',
      '联系电话',
      '统一社会信用代码',
      '备案编号',
      '是否枢纽型组织',
      '党组织情况',
      '成员人数',
    ]);
    expect(orgImportHeaders).toEqual(headers);
    expect(String(ws.getCell('A2').value)).toMatch(/^示例/);
    expect(ws.getCell('C2').value).toBe('公益慈善');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const validations = (
      ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
    ).dataValidations.model;
    const formulaOf = (cell: string) => validations[cell]?.formulae?.[0];
    expect(formulaOf('B3')).toBe("'选项'!$A$2:$A$4");
    expect(formulaOf('C5001')).toBe("'选项'!$B$2:$B$5");
    expect(formulaOf('O3')).toBe("'选项'!$D$2:$D$3");
    expect(formulaOf('P3')).toBe("'选项'!$E$2:$E$5");
    expect(validations.D3?.showErrorMessage).toBeFalsy();

    const helpText = wb.worksheets[1]
      .getSheetValues()
      .flatMap((r) => (Array.isArray(r) ? r : []))
      .filter((v): v is string => typeof v === 'string');
    expect(helpText).toContain('文体活动');
    expect(helpText).toContain('wenti');
    expect(helpText).toContain('440305007003');
    expect(helpText).toContain('联合党支部');

    // The untouched template has nothing to import.
    expect(await parseOrgImport(buf, ctx)).toEqual({
      rows: [],
      errors: [{ row: 2, column: '', message: '文件中没有要导入的数据行' }],
    });
  });
});

describe('parseOrgImport', () => {
  it('parses valid rows and reports every invalid cell with row and column', async () => {
    const template = await buildOrgImportTemplate({ categories, communities });
    const file = await fill(template, {
      // valid: every column, community by name without the committee suffix
      3: {
        name: ' 科技园社区夕阳红合唱团 ',
        tier: '备案类',
        category: '文体活动',
        community: '科技园社区',
        businessScope: '合唱排练与社区演出',
        venue: '党群服务中心二楼',
        foundedOn: new Date(Date.UTC(2024, 2, 1)),
        leaderName: '张明',
        leaderIdNumber: ID_X.toLowerCase(),
        leaderPhone: '138 0013 8000',
        contactName: '李华',
        contactPhone: '(0755)12345678',
        filingNumber: '备440305007-2025-0003',
        isHub: '是',
        partyStatus: '有党员',
        memberCount: 25,
      },
      // valid: registered, community by code, category with 类, date with slashes
      4: base({
        name: '南山区粤海街道社区服务中心',
        tier: '登记类',
        category: '公益慈善类',
        community: '440305007011',
        foundedOn: '2023/5/6',
        leaderIdNumber: ID_1,
        uscc: USCC.toLowerCase(),
        partyStatus: '已建立党组织',
        isHub: '否',
      }),
      // valid: minimal activity group
      5: base({ name: '后海社区太极队', tier: '社区活动小组', community: '后海社区居委会' }),
      6: base({ name: '', leaderName: '' }),
      7: base({ name: '甲', tier: '街道类', category: '体育类', community: '不存在社区' }),
      8: base({
        name: '乙',
        foundedOn: '2024-02-30',
        leaderIdNumber: '110105194912310021',
        leaderPhone: '1234',
        contactPhone: 'abc',
      }),
      9: base({ name: '丙', tier: '登记类' }),
      10: base({ name: '丁', tier: '登记类', uscc: '52440305123456789X' }),
      11: base({ name: '科技园社区夕阳红合唱团', community: '后海社区' }),
      12: base({ name: '后海社区读书会' }),
      13: base({ name: '戊', memberCount: -3, isHub: '可能', partyStatus: '党支部' }),
      14: base({ name: '己', memberCount: '2.5', community: '幸福社区' }),
      // the same name in another street is fine
      15: base({ name: '科技园社区夕阳红合唱团', community: '水湾社区' }),
      16: base({ name: '庚', uscc: USCC, foundedOn: '2027-01-01' }),
      17: base({ name: '辛', tier: '社区活动小组', filingNumber: 'X-1' }),
      // 18 left empty: skipped
      19: base({ name: '壬', tier: '登记类', uscc: USCC }),
    });

    const result = await parseOrgImport(file, ctx);
    expect(result.errors).toEqual([
      { row: 6, column: '组织名称', message: '组织名称不能为空' },
      { row: 6, column: '负责人姓名', message: '负责人姓名不能为空' },
      { row: 7, column: '组织层级', message: '组织层级“街道类”不正确，应为社区活动小组、备案类或登记类' },
      {
        row: 7,
        column: '组织类别',
        message: '组织类别“体育类”不存在，可选：公益慈善、生活服务、社区事务、文体活动',
      },
      { row: 7, column: '所属社区', message: '社区“不存在社区”不存在或不在您的管辖范围内' },
      {
        row: 8,
        column: '成立日期',
        message: '成立日期“2024-02-30”不正确，应为 2024-03-01 或 2024/3/1 格式的有效日期',
      },
      { row: 8, column: '负责人身份证号', message: '身份证号码校验位错误，请核对' },
      { row: 8, column: '负责人手机号', message: '手机号码应为以1开头的11位数字' },
      {
        row: 8,
        column: '联系电话',
        message: '电话号码格式不正确，请填写11位手机号或带区号的固定电话（如 0755-12345678）',
      },
      { row: 9, column: '统一社会信用代码', message: '登记类组织必须填写统一社会信用代码' },
      { row: 10, column: '统一社会信用代码', message: '统一社会信用代码中的组织机构代码校验位错误' },
      { row: 11, column: '组织名称', message: '组织名称与第3行重复（同一街道内组织名称不能相同）' },
      { row: 12, column: '组织名称', message: '本街道已有名为“后海社区读书会”的组织' },
      { row: 13, column: '是否枢纽型组织', message: '是否枢纽型组织应填写“是”或“否”，不能填写“可能”' },
      {
        row: 13,
        column: '党组织情况',
        message: '党组织情况“党支部”不正确，应为未建立、有党员、已建立党组织、联合党支部之一',
      },
      { row: 13, column: '成员人数', message: '成员人数应为不小于0的整数，不能填写“-3”' },
      { row: 14, column: '所属社区', message: '社区名称“幸福社区”对应多个社区，请改填12位社区代码' },
      { row: 14, column: '成员人数', message: '成员人数应为不小于0的整数，不能填写“2.5”' },
      { row: 16, column: '成立日期', message: '成立日期不能晚于今天' },
      { row: 16, column: '统一社会信用代码', message: '备案类组织不填写统一社会信用代码（仅登记类填写）' },
      { row: 17, column: '备案编号', message: '社区活动小组不填写备案编号（仅备案类填写）' },
      { row: 19, column: '统一社会信用代码', message: '统一社会信用代码与第4行重复' },
    ]);

    expect(result.rows).toEqual([
      {
        rowNumber: 3,
        name: '科技园社区夕阳红合唱团',
        tier: 'filed',
        category: 'wenti',
        regionCode: '440305007003',
        streetCode: '440305007',
        businessScope: '合唱排练与社区演出',
        venue: '党群服务中心二楼',
        foundedOn: '2024-03-01',
        leaderName: '张明',
        leaderIdNumber: ID_X,
        leaderPhone: '13800138000',
        contactName: '李华',
        contactPhone: '0755-12345678',
        uscc: null,
        filingNumber: '备440305007-2025-0003',
        isHub: true,
        partyStatus: 'members',
        memberCount: 25,
      },
      {
        rowNumber: 4,
        name: '南山区粤海街道社区服务中心',
        tier: 'registered',
        category: 'gongyi',
        regionCode: '440305007011',
        streetCode: '440305007',
        businessScope: '',
        venue: '',
        foundedOn: '2023-05-06',
        leaderName: '王芳',
        leaderIdNumber: ID_1,
        leaderPhone: null,
        contactName: '',
        contactPhone: null,
        uscc: USCC,
        filingNumber: null,
        isHub: false,
        partyStatus: 'branch',
        memberCount: 0,
      },
      {
        rowNumber: 5,
        name: '后海社区太极队',
        tier: 'group',
        category: 'wenti',
        regionCode: '440305007011',
        streetCode: '440305007',
        businessScope: '',
        venue: '',
        foundedOn: null,
        leaderName: '王芳',
        leaderIdNumber: null,
        leaderPhone: null,
        contactName: '',
        contactPhone: null,
        uscc: null,
        filingNumber: null,
        isHub: false,
        partyStatus: 'none',
        memberCount: 0,
      },
      expect.objectContaining({ rowNumber: 15, name: '科技园社区夕阳红合唱团', regionCode: '440305006002' }),
    ]);
  });

  it('checks USCCs and filing numbers already in use when given', async () => {
    const template = await buildOrgImportTemplate({ categories, communities });
    const file = await fill(template, {
      3: base({ name: '甲', tier: '登记类', uscc: USCC }),
      4: base({ name: '乙', filingNumber: '备440305007-2025-0001' }),
    });
    const result = await parseOrgImport(file, {
      ...ctx,
      existingUsccs: new Set([USCC]),
      existingFilingNumbers: new Set(['备440305007-2025-0001']),
    });
    expect(result.errors).toEqual([
      { row: 3, column: '统一社会信用代码', message: `统一社会信用代码${USCC}已被其他组织使用` },
      { row: 4, column: '备案编号', message: '备案编号“备440305007-2025-0001”已被其他组织使用' },
    ]);
    expect(result.rows).toEqual([]);
  });

  it('accepts a roster without the example row and with reordered columns', async () => {
    const headers = [...orgImportHeaders].reverse().map((h) => h.replace('*', ''));
    const values: Record<string, ExcelJS.CellValue> = {
      组织名称: '水湾社区调解队',
      组织层级: '备案',
      组织类别: '社区事务',
      所属社区: '水湾社区',
      负责人姓名: '陈刚',
      成立日期: '2020年1月2日',
      成员人数: '8',
    };
    const file = await sheetFile(headers, [headers.map((h) => values[h] ?? null)]);
    const result = await parseOrgImport(file, ctx);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      expect.objectContaining({
        rowNumber: 2,
        name: '水湾社区调解队',
        tier: 'filed',
        category: 'shiwu',
        regionCode: '440305006002',
        streetCode: '440305006',
        foundedOn: '2020-01-02',
        memberCount: 8,
      }),
    ]);
  });

  it('reports a wrong header row as one error for row 1', async () => {
    const missing = await sheetFile(
      orgImportHeaders.filter((h) => h !== '负责人姓名*' && h !== '成员人数'),
      [['甲']],
    );
    expect(await parseOrgImport(missing, ctx)).toEqual({
      rows: [],
      errors: [
        {
          row: 1,
          column: '负责人姓名、成员人数',
          message: '表头缺少以下列：负责人姓名、成员人数。请使用下载的导入模板，不要修改第1行表头',
        },
      ],
    });

    const foreign = await sheetFile(['姓名', '电话'], [['张三', '13800138000']]);
    const result = await parseOrgImport(foreign, ctx);
    expect(result.rows).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      row: 1,
      message: '未找到表头，请使用下载的导入模板，并保留第1行表头',
    });
  });

  it('refuses more than 5,000 rows', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => [`组织${i + 1}`, '备案类']);
    const file = await sheetFile([...orgImportHeaders], rows);
    expect(await parseOrgImport(file, ctx)).toEqual({
      rows: [],
      errors: [{ row: 5002, column: '', message: '一次最多导入5000行，本文件有5001行数据，请分批导入' }],
    });
  });

  it('rejects a file that is not xlsx', async () => {
    await expect(parseOrgImport(Buffer.from('not a workbook'), ctx)).rejects.toBeInstanceOf(SpreadsheetError);
  });
});

describe('parseImportDate', () => {
  it.each([
    ['2024-03-01', '2024-03-01'],
    ['2024/3/1', '2024-03-01'],
    ['2024.12.31', '2024-12-31'],
    ['2024年3月1日', '2024-03-01'],
    ['45352', '2024-03-01'],
    ['2023-02-29', null],
    ['2024-13-01', null],
    ['3/1/2024', null],
    ['去年', null],
  ])('%s → %s', (text, iso) => {
    expect(parseImportDate(text)).toBe(iso);
  });
});
