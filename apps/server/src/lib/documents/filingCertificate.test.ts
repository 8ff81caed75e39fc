import { describe, expect, it } from 'vitest';
import { chineseDate, type FilingCertificateData, renderFilingCertificate } from './filingCertificate';
import { cjkBoldFontPath, cjkFontPath } from './fonts';
import { qrPng, qrSvg } from './qr';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const cert: FilingCertificateData = {
  number: '备440305007-2026-0007',
  name: '粤海街道科技园社区夕阳红合唱团',
  tierLabel: '备案类',
  categoryName: '文体活动',
  leaderNameMasked: '张*',
  businessScope: '组织社区老年居民开展合唱排练与演出，参与社区节庆文艺活动，丰富居民精神文化生活。',
  venue: '科技园社区党群服务中心二楼活动室',
  communityName: '科技园社区',
  streetName: '粤海街道',
  districtName: '深圳市南山区',
  filedOn: '2026-11-23',
  issuer: '南山区粤海街道办事处',
  verifyUrl: 'https://linli.example.org/public/verify/备440305007-2026-0007',
};

function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

describe('fonts', () => {
  it('resolves the CJK fonts from the npm package', () => {
    expect(cjkFontPath()).toMatch(/noto-sans-sc-chinese-simplified-400\.woff$/);
    expect(cjkBoldFontPath()).toMatch(/noto-sans-sc-chinese-simplified-700\.woff$/);
  });
});

describe('chineseDate', () => {
  it.each([
    ['2026-11-23', '二〇二六年十一月二十三日'],
    ['2020-01-10', '二〇二〇年一月十日'],
    ['2031-12-31', '二〇三一年十二月三十一日'],
    ['2009-10-05', '二〇〇九年十月五日'],
  ])('%s → %s', (iso, zh) => {
    expect(chineseDate(iso)).toBe(zh);
  });

  it('rejects other formats', () => {
    expect(() => chineseDate('2026/11/23')).toThrow();
  });
});

describe('qr', () => {
  it('renders a PNG', async () => {
    const png = await qrPng('https://linli.example.org/public/verify/abc', 200);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // IHDR width
    expect(png.readUInt32BE(16)).toBe(200);
  });

  it('renders an SVG', async () => {
    const svg = await qrSvg('https://linli.example.org/public/verify/abc');
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });
});

describe('renderFilingCertificate', () => {
  it('renders a one-page PDF with the CJK font embedded as a subset', async () => {
    const pdf = await renderFilingCertificate(cert);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(2 * 1024 * 1024);
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(raw).toContain('/Subtype /Image');
    expect(raw).toContain('/Title');
    expect(raw).toContain('/Author');
    expect(pageCount(pdf)).toBe(1);
    // A4 landscape
    expect(raw).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
  });

  it('keeps an overlong business scope, name and URL on one page', async () => {
    const pdf = await renderFilingCertificate({
      ...cert,
      name: '粤海街道科技园社区关爱困境儿童与空巢老人邻里互助志愿服务队（试行）第一分队',
      businessScope: '开展邻里互助、关爱老人儿童、环境保护、文明劝导、法律宣传、矛盾调解等志愿服务；'.repeat(
        40,
      ),
      verifyUrl: `https://linli.example.org/public/verify/${'x'.repeat(300)}`,
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(1);
  });
});
