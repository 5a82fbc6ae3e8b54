import type { BreakdownLine } from './claim.events';
import { DIRECT_COST_KINDS } from './claim.events';
import { CURRENCY_PATTERN, fromCents, isMoney, toCents } from './claim-money';
import { ClaimErrors } from './claim.errors';

/**
 * DOMAIN.md "Goodwill compensation": the application's amount is the sum of its
 * lines, and every line is a direct cost (the customer's loss, litigation, the
 * repair), never a consequential one. Checked on the first application and on every
 * revision. Format problems are 400s; a consequential line breaks the rule: 409.
 */
export function checkCompensationApplication(amount: number, currency: string, breakdown: BreakdownLine[]): BreakdownLine[] {
  if (!isMoney(amount)) throw ClaimErrors.invalidAmount('amount');
  if (!CURRENCY_PATTERN.test(currency)) throw ClaimErrors.invalidCurrency();
  if (breakdown.length === 0) throw ClaimErrors.breakdownRequired();
  breakdown.forEach((line, i) => {
    if (!isMoney(line.amount)) throw ClaimErrors.invalidAmount(`breakdown.${i}.amount`);
  });
  const sum = breakdown.reduce((cents, line) => cents + toCents(line.amount), 0);
  if (sum !== toCents(amount)) throw ClaimErrors.breakdownMismatch(fromCents(sum), amount);
  const consequential = breakdown.flatMap((line, i) => (DIRECT_COST_KINDS.includes(line.kind) ? [] : [i]));
  if (consequential.length) throw ClaimErrors.consequentialCosts(consequential);
  return breakdown.map((line) => ({ kind: line.kind, description: line.description, amount: line.amount }));
}
