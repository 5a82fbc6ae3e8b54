import { actors, events, memberSpec, MEMBER_ID, CUSTOMER_ID } from '../testing/member-history.fixture';
import { decideEnrolMember, EnrolMember } from './enrol-member.command';
import type { MemberEnrolled } from '../domain/member.events';
import { isValidCardNumber } from '../domain/card-number';

const spec = memberSpec(decideEnrolMember);
const AT = '2026-03-01T09:00:00.000Z';

const enrol = (over: Partial<EnrolMember> = {}): EnrolMember => ({
  memberId: MEMBER_ID,
  customerId: CUSTOMER_ID,
  by: actors.advisor,
  at: AT,
  customerDealerId: 'D1',
  paidVisits: [],
  loyaltySegment: 'regular',
  ...over,
});

describe('enrolling a customer in the owners club', () => {
  it('gives the customer a card with a valid check digit and the standard tier when there is no spend', () => {
    spec.given([]).when(enrol()).then((events) => {
      const data = (events[0] as MemberEnrolled).data;
      expect(data).toMatchObject({ memberId: MEMBER_ID, customerId: CUSTOMER_ID, dealerId: 'D1', tier: 'standard', enrolledAt: AT, spend12Months: 0 });
      expect(isValidCardNumber(data.cardNo)).toBe(true);
    });
  });

  it('starts the tier from the 12-month customer-paid spend and loyalty segment before enrolment (R-MB-1)', () => {
    const paidVisits = [
      { visitId: 'v1', amount: 12_000, visitedAt: '2025-06-01T09:00:00.000Z' },
      { visitId: 'v2', amount: 9_000, visitedAt: '2026-02-01T09:00:00.000Z' },
    ];
    spec.given([]).when(enrol({ paidVisits, loyaltySegment: 'loyal' })).then((events) => {
      const data = (events[0] as MemberEnrolled).data;
      expect(data.tier).toBe('platinum');
      expect(data.spend12Months).toBe(21_000);
      expect(data.tierReason).toContain('R-MB-1');
    });
  });

  it('leaves visits older than 12 months out of the spend (R-MB-1)', () => {
    const paidVisits = [
      { visitId: 'old', amount: 50_000, visitedAt: '2025-02-01T09:00:00.000Z' },
      { visitId: 'v2', amount: 4_000, visitedAt: '2026-02-01T09:00:00.000Z' },
    ];
    spec.given([]).when(enrol({ paidVisits })).then((events) => {
      const data = (events[0] as MemberEnrolled).data;
      expect(data.tier).toBe('silver');
      expect(data.paidVisits.map((v) => v.visitId)).toEqual(['v2']);
    });
  });

  it('refuses a second enrolment of an active member', () => {
    spec.given([events.enrolled()]).when(enrol()).thenThrows('MEMBER.ALREADY_ENROLLED');
  });

  it('enrols a cancelled member again with the same card', () => {
    spec.given([events.enrolled(), events.cancelled()]).when(enrol()).then((out) => {
      expect((out[0] as MemberEnrolled).data.cardNo).toBe('AC123456789012');
    });
  });

  it('refuses an unknown customer', () => {
    spec.given([]).when(enrol({ customerDealerId: null })).thenThrows('MEMBER.UNKNOWN_CUSTOMER');
  });

  it("refuses to enrol another dealer's customer, and lets OEM roles and auditors enrol no one", () => {
    spec.given([]).when(enrol({ customerDealerId: 'D2' })).thenThrows('AUTH.OUT_OF_SCOPE');
    spec.given([]).when(enrol({ by: actors.oem })).thenThrows('AUTH.OUT_OF_SCOPE');
    spec.given([]).when(enrol({ by: actors.auditor })).thenThrows('AUTH.OUT_OF_SCOPE');
    spec.given([]).when(enrol({ by: actors.admin, customerDealerId: 'D2' })).then((out) => expect(out).toHaveLength(1));
  });
});
