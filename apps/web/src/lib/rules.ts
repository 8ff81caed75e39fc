/** antd Form rules backed by the identifier validators in @linli/core. */
import { validateIdNumber } from '@linli/core/identifiers/idNumber';
import { validatePhone } from '@linli/core/identifiers/phone';
import { validateUscc } from '@linli/core/identifiers/uscc';
import type { FormRule } from 'antd';

const fromValidator =
  (validate: (s: string) => { ok: true } | { ok: false; message: string }): FormRule =>
  () => ({
    validator: (_: unknown, value: unknown) => {
      if (value === undefined || value === null || value === '') return Promise.resolve();
      const r = validate(String(value));
      return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
    },
  });

export const idNumberRule = fromValidator((s) => validateIdNumber(s));
export const phoneRule = fromValidator((s) => validatePhone(s));
export const usccRule = fromValidator((s) => validateUscc(s));

export const required = (label: string): FormRule => ({
  required: true,
  whitespace: true,
  message: `请填写${label}`,
});
export const requiredSelect = (label: string): FormRule => ({ required: true, message: `请选择${label}` });
export const maxLen = (n: number): FormRule => ({ max: n, message: `不能超过${n}个字` });
