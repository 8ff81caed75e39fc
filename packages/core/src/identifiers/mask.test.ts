import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './mask';

describe('masks', () => {
  it('masks ID numbers', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber('123')).toBe('***');
  });
  it('masks phones', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
    expect(maskPhone('0755-12345678')).toBe('0755-****5678');
    expect(maskPhone('010-1234567')).toBe('010-***4567');
    expect(maskPhone('0755-88886666-123')).toBe('0755-****6666');
    expect(maskPhone('12345')).toBe('*2345');
    expect(maskPhone('12')).toBe('**');
  });
  it('masks names', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('*');
    expect(maskName('')).toBe('');
  });
});
