import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS_POLICY, policyFor, policyTable } from './access-policy';

describe('the access policy', () => {
  it('is documented in the README exactly as enforced', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(policyTable());
  });

  it('denies by default: an unknown or missing action has no entry', () => {
    expect(policyFor(undefined)).toBeUndefined();
    expect(policyFor('toString')).toBeUndefined();
    expect(policyFor('region.delete')).toBeUndefined();
    expect(policyFor('region.register')).toBe(ACCESS_POLICY['region.register']);
  });

  it('lets oversight roles write nothing', () => {
    const writes = ['region.register', 'personal-data.reveal'] as const;
    for (const action of writes) {
      const roles = ACCESS_POLICY[action].roles as readonly string[];
      for (const oversight of ['inspector', 'discipline', 'auditor']) expect(roles).not.toContain(oversight);
    }
  });
});
