import { describe, expect, it } from 'vitest';
import {
  base64urlDecode,
  base64urlEncode,
  type CheckinClaim,
  checkinStep,
  constantTimeEqual,
  dynamicTruncate,
  type Hmac,
  makeCheckinToken,
  sixDigitCode,
  verifyCheckinToken,
  verifySixDigitCode,
} from './checkinCode';

/** Deterministic stand-in for HMAC-SHA256 (32 bytes of hex); not cryptographic, fine for tests. */
function fakeHmac(secret: string): Hmac {
  return (msg: string) => {
    let out = '';
    for (let block = 0; block < 8; block++) {
      let h = 0x811c9dc5 ^ block;
      for (const ch of `${secret}|${block}|${msg}`) {
        h ^= ch.codePointAt(0)!;
        h = Math.imul(h, 0x01000193) >>> 0;
        h = (h ^ (h >>> 13)) >>> 0;
      }
      out += h.toString(16).padStart(8, '0');
    }
    return out;
  };
}

const hmac = fakeHmac('server-secret');
const windowStart = new Date('2025-06-07T08:30:00+08:00');
const claim: CheckinClaim = { activityId: 'act-42', kind: 'in', windowStart };
const at = (seconds: number) => new Date(windowStart.getTime() + seconds * 1000);
const opts = { periodSeconds: 30, graceSteps: 1, activityId: 'act-42', kind: 'in' as const };

describe('base64url', () => {
  it('round-trips ASCII, Chinese and emoji without padding', () => {
    for (const s of ['', 'f', 'fo', 'foo', 'foob', '{"a":"敬老院"}', '志愿者🙂']) {
      const e = base64urlEncode(s);
      expect(e).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(base64urlDecode(e)).toBe(s);
    }
    expect(base64urlEncode('foobar')).toBe('Zm9vYmFy');
    expect(base64urlEncode('fo')).toBe('Zm8');
    expect(base64urlEncode('\u00ff\u00fe')).toBe('w7_Dvg');
  });

  it('rejects bad input', () => {
    expect(() => base64urlDecode('a')).toThrow();
    expect(() => base64urlDecode('ab+/')).toThrow();
    expect(() => base64urlDecode('_w')).toThrow(); // 0xff alone is not UTF-8
  });
});

describe('checkin tokens', () => {
  it('verifies a fresh token and returns a nonce the server can store', () => {
    const token = makeCheckinToken(claim, hmac, at(65), 30);
    expect(verifyCheckinToken(token, hmac, at(70), opts)).toEqual({
      status: 'ok',
      activityId: 'act-42',
      kind: 'in',
      step: 2,
      nonce: 'act-42:in:2',
    });
  });

  it('accepts the previous step within the grace, then expires', () => {
    const token = makeCheckinToken(claim, hmac, at(0), 30);
    expect(verifyCheckinToken(token, hmac, at(29), opts).status).toBe('ok');
    expect(verifyCheckinToken(token, hmac, at(59), opts).status).toBe('ok');
    expect(verifyCheckinToken(token, hmac, at(60), opts)).toEqual({
      status: 'expired',
      message: '二维码已过期，请扫描最新的二维码',
    });
    expect(verifyCheckinToken(token, hmac, at(30), { ...opts, graceSteps: 0 }).status).toBe('expired');
  });

  it('refuses a token from the future (a forged clock)', () => {
    const token = makeCheckinToken(claim, hmac, at(120), 30);
    expect(verifyCheckinToken(token, hmac, at(60), opts).status).toBe('not_yet_valid');
  });

  it('refuses a token for another activity or direction', () => {
    const token = makeCheckinToken(claim, hmac, at(0), 30);
    expect(verifyCheckinToken(token, hmac, at(1), { ...opts, activityId: 'act-43' })).toEqual({
      status: 'wrong_activity',
      message: '该二维码不属于本活动',
    });
    expect(verifyCheckinToken(token, hmac, at(1), { ...opts, kind: 'out' }).status).toBe('wrong_kind');
    const { activityId: _a, kind: _k, ...any } = opts;
    expect(verifyCheckinToken(token, hmac, at(1), any).status).toBe('ok');
  });

  it('refuses a token signed with another key or tampered with', () => {
    const token = makeCheckinToken(claim, hmac, at(0), 30);
    expect(verifyCheckinToken(token, fakeHmac('other'), at(1), opts).status).toBe('bad_signature');
    const [body, sig] = token.split('.');
    const forged = base64urlEncode(base64urlDecode(body).replace('act-42', 'act-43'));
    expect(
      verifyCheckinToken(`${forged}.${sig}`, hmac, at(1), { ...opts, activityId: 'act-43' }).status,
    ).toBe('bad_signature');
    expect(verifyCheckinToken(`${body}.${sig.slice(0, -1)}0`, hmac, at(1), opts).status).not.toBe('ok');
  });

  it('refuses a longer period than the one configured', () => {
    const token = makeCheckinToken(claim, hmac, at(0), 3600);
    expect(verifyCheckinToken(token, hmac, at(1), opts).status).toBe('expired');
  });

  it('reports malformed tokens', () => {
    for (const bad of ['', 'abc', '.sig', 'abc.', 'a+b.sig', 'x'.repeat(3000)]) {
      expect(verifyCheckinToken(bad, hmac, at(1), opts)).toEqual({
        status: 'malformed',
        message: '二维码无法识别，请重新扫描',
      });
    }
    // correctly signed but not our payload
    const body = base64urlEncode(JSON.stringify({ v: 2 }));
    const signed = `${body}.${hmac(`linli.checkin.v1.${body}`)}`;
    expect(verifyCheckinToken(signed, hmac, at(1), opts).status).toBe('malformed');
    const notJson = base64urlEncode('not json');
    expect(
      verifyCheckinToken(`${notJson}.${hmac(`linli.checkin.v1.${notJson}`)}`, hmac, at(1), opts).status,
    ).toBe('malformed');
  });

  it('rejects bad claims when making a token', () => {
    expect(() => makeCheckinToken({ ...claim, activityId: '' }, hmac, at(0), 30)).toThrow();
    expect(() => makeCheckinToken({ ...claim, kind: 'both' as never }, hmac, at(0), 30)).toThrow();
    expect(() => makeCheckinToken(claim, hmac, at(0), 0)).toThrow();
  });
});

describe('checkinStep', () => {
  it('counts periods from the window start', () => {
    expect(checkinStep(at(0), windowStart, 30)).toBe(0);
    expect(checkinStep(at(29.999), windowStart, 30)).toBe(0);
    expect(checkinStep(at(30), windowStart, 30)).toBe(1);
    expect(checkinStep(at(-1), windowStart, 30)).toBe(-1);
    expect(() => checkinStep(at(0), windowStart, 1.5)).toThrow();
  });
});

describe('six-digit codes', () => {
  it('truncates like RFC 4226 (§5.4 example)', () => {
    expect(dynamicTruncate('1f8698690e02ca16618550ef7f19da8e945b555a')).toBe('872921');
  });

  it('pads with zeros and refuses short or non-hex digests', () => {
    // offset 0, bytes 00 00 00 07 → 7
    expect(dynamicTruncate(`00000007${'00'.repeat(16)}`)).toBe('000007');
    expect(() => dynamicTruncate('abcd')).toThrow();
    expect(() => dynamicTruncate('zz'.repeat(20))).toThrow();
  });

  it('differs by activity, kind and step', () => {
    const code = sixDigitCode(hmac, 'act-42', 'in', 5);
    expect(code).toMatch(/^\d{6}$/);
    expect(sixDigitCode(hmac, 'act-42', 'in', 5)).toBe(code);
    const others = [
      sixDigitCode(hmac, 'act-43', 'in', 5),
      sixDigitCode(hmac, 'act-42', 'out', 5),
      sixDigitCode(hmac, 'act-42', 'in', 6),
    ];
    expect(others).not.toContain(code);
  });

  it('verifies a typed code for the current or a grace step', () => {
    const code = sixDigitCode(hmac, 'act-42', 'in', 2);
    const o = { periodSeconds: 30, graceSteps: 1 };
    expect(verifySixDigitCode(code, hmac, claim, at(61), o)).toEqual({
      status: 'ok',
      step: 2,
      nonce: 'act-42:in:2',
    });
    expect(verifySixDigitCode(` ${code.slice(0, 3)} ${code.slice(3)} `, hmac, claim, at(95), o).status).toBe(
      'ok',
    );
    expect(verifySixDigitCode(code, hmac, claim, at(120), o).status).toBe('expired');
    expect(verifySixDigitCode(code, hmac, { ...claim, kind: 'out' }, at(61), o).status).toBe('expired');
    expect(verifySixDigitCode('12345', hmac, claim, at(61), o)).toEqual({
      status: 'malformed',
      message: '请输入6位数字签到码',
    });
  });
});

describe('constantTimeEqual', () => {
  it('compares strings', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
