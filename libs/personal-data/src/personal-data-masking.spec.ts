import { ROLES } from '@aftercare/kernel';
import { ERASED } from './personal-data.catalogue';
import { FULL_VIEW, maskForRole, maskValue, seesInFull } from './personal-data-masking';

describe('masking of national ids and phones', () => {
  it('keeps the first three and last four digits of a phone', () => {
    expect(maskValue('13812345678')).toBe('138****5678');
    expect(maskValue('110101199003071234')).toBe('110***********1234');
  });

  it('leaves null and erased values alone and hides most of short ones', () => {
    expect(maskValue(null)).toBeNull();
    expect(maskValue(ERASED)).toBe(ERASED);
    expect(maskValue('12345')).toBe('***45');
  });

  it('shows phones in full to callback agents and service advisors, masked to OEM roles, auditors and integrators', () => {
    const customer = { id: 'c1', phone: '13812345678', nationalId: '110101199003071234', name: '王建国' };
    expect(maskForRole(customer, 'callback_agent')).toEqual({ ...customer, nationalId: '110***********1234' });
    expect(maskForRole(customer, 'service_advisor')).toBe(customer);
    for (const role of ['regional_service_manager', 'oem_leadership', 'auditor', 'integrator']) {
      expect(maskForRole(customer, role)).toEqual({ ...customer, phone: '138****5678', nationalId: '110***********1234' });
    }
    expect(customer.phone).toBe('13812345678');
  });

  it('names only known roles in its table', () => {
    for (const roles of Object.values(FULL_VIEW)) for (const role of roles) expect(ROLES).toContain(role);
    expect(seesInFull('admin', 'nationalId')).toBe(true);
  });
});
