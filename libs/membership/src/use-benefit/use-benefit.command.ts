import { Benefit, BENEFITS, MEMBERSHIP_CONFIG, MembershipConfig } from '../domain/membership.config';
import type { BenefitUsed } from '../domain/member.events';
import { benefitKey, MemberState } from '../domain/member.state';
import type { MemberStep } from '../domain/member.step';
import { MemberErrors } from '../domain/member.errors';
import { assertActiveMember } from '../domain/member.policy';
import { assertDatedInMembership } from '../domain/member.dates';

export interface UseBenefit extends MemberStep {
  benefit: Benefit;
}

/**
 * DOMAIN.md "Owners' club" benefits (free towing, a yearly free wheel alignment,
 * …): each has a yearly allowance by tier (config table), counted per calendar
 * year (UTC) of the use; once used up, refused until the next year.
 */
export function decideUseBenefit(command: UseBenefit, state: MemberState, config: MembershipConfig = MEMBERSHIP_CONFIG): BenefitUsed[] {
  assertActiveMember(command.by, state);
  if (!BENEFITS.includes(command.benefit)) throw MemberErrors.invalidValue('benefit', BENEFITS);
  assertDatedInMembership(command, state);
  const allowance = config.benefitAllowances[command.benefit][state.tier];
  if (allowance <= 0) throw MemberErrors.benefitNotInTier(command.benefit, state.tier);
  const year = new Date(command.at).getUTCFullYear();
  const used = state.benefitUses[benefitKey(year, command.benefit)] ?? 0;
  if (used >= allowance) throw MemberErrors.benefitUsedUp(command.benefit, year, allowance);
  return [
    {
      type: 'BenefitUsed',
      data: { memberId: command.memberId, benefit: command.benefit, usedAt: command.at, year, tier: state.tier, usedThisYear: used + 1, allowance },
    },
  ];
}
