import { actors, by, events, memberSpec } from '../testing/member-history.fixture';
import { decideUseBenefit, UseBenefit } from './use-benefit.command';
import type { BenefitUsed, MemberEvent } from '../domain/member.events';
import type { Benefit } from '../domain/membership.config';

const spec = memberSpec(decideUseBenefit);
const use = (benefit: Benefit, at = '2026-04-01T09:00:00.000Z', actor = actors.advisor): UseBenefit => ({ ...by(actor, at, '2027-12-31T00:00:00.000Z'), benefit });
const used = (benefit: Benefit, year: number, usedThisYear: number, allowance: number): MemberEvent => ({
  type: 'BenefitUsed',
  data: { memberId: 'mem-wang', benefit, usedAt: `${year}-04-01T09:00:00.000Z`, year, tier: 'standard', usedThisYear, allowance },
});

describe('benefits with yearly allowances', () => {
  it('grants the one free wheel alignment of the year', () => {
    spec.given([events.enrolled()]).when(use('wheel_alignment')).then((out) => {
      expect((out[0] as BenefitUsed).data).toMatchObject({ benefit: 'wheel_alignment', year: 2026, usedThisYear: 1, allowance: 1 });
    });
  });

  it('refuses a second free wheel alignment in the same year', () => {
    spec.given([events.enrolled(), used('wheel_alignment', 2026, 1, 1)]).when(use('wheel_alignment', '2026-11-01T09:00:00.000Z')).thenThrows('MEMBER.BENEFIT_USED_UP');
  });

  it('grants it again the next year', () => {
    spec.given([events.enrolled(), used('wheel_alignment', 2026, 1, 1)]).when(use('wheel_alignment', '2027-01-02T09:00:00.000Z')).then((out) => {
      expect((out[0] as BenefitUsed).data).toMatchObject({ year: 2027, usedThisYear: 1 });
    });
  });

  it('allows more free towing in a higher tier', () => {
    const history = [events.enrolled(), events.tierChanged('standard', 'gold'), used('free_towing', 2026, 1, 3)];
    spec.given(history).when(use('free_towing')).then((out) => expect((out[0] as BenefitUsed).data).toMatchObject({ usedThisYear: 2, allowance: 3, tier: 'gold' }));
    spec.given([events.enrolled(), used('free_towing', 2026, 1, 1)]).when(use('free_towing')).thenThrows('MEMBER.BENEFIT_USED_UP');
  });

  it('refuses a benefit the tier does not have', () => {
    spec.given([events.enrolled()]).when(use('annual_inspection')).thenThrows('MEMBER.BENEFIT_NOT_IN_TIER');
  });

  it('refuses a use dated before the enrolment or in the future, and on a cancelled membership', () => {
    spec.given([events.enrolled()]).when(use('car_wash', '2026-02-01T09:00:00.000Z')).thenThrows('MEMBER.BEFORE_ENROLMENT');
    spec.given([events.enrolled()]).when({ ...use('car_wash'), recordedAt: '2026-03-31T09:00:00.000Z' }).thenThrows('MEMBER.OCCURRED_IN_FUTURE');
    spec.given([events.enrolled(), events.cancelled()]).when(use('car_wash')).thenThrows('MEMBER.CANCELLED');
  });
});
