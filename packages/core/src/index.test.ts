import { describe, expect, it } from 'vitest';
import * as core from './index';

describe('package entry', () => {
  it('re-exports the modules', () => {
    for (const name of [
      'validateUscc',
      'validateIdNumber',
      'validatePhone',
      'maskIdNumber',
      'prefixRange',
      'can',
      'transition',
      'filingFlow',
      'changeFlow',
      'registrationFlow',
      'exitFlow',
      'formatFilingNumber',
      'computeCoverage',
      'categorySchemes',
      'tierLabels',
      'todayInShanghai',
    ]) {
      expect(core).toHaveProperty(name);
    }
  });
});
