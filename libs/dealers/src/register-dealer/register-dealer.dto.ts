import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** Dealer ids are the OEM's own dealer codes, so they come from the client. */
export const DEALER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export class RegisterDealerDto {
  @ApiProperty({ example: 'D1', description: "the OEM's dealer code: letters, digits, '_', '.', '-' (at most 64)" })
  @IsString()
  @Matches(DEALER_ID_PATTERN, { message: "dealerId must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit" })
  dealerId!: string;

  @ApiProperty({ example: 'Shanghai Pudong 4S' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'east', description: 'OEM region; OEM roles of this region see the dealer' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  region!: string;
}
