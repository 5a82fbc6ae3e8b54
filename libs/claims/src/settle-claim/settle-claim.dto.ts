import { moneyProperty } from '../claim-body.dto';

export class SettleClaimDto {
  @moneyProperty(12000, 'never more than the amount approved') amount!: number;
}
