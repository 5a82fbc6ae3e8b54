import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ErasePersonalDataDto {
  @ApiProperty({ example: 'the customer asked for erasure (PIPL art. 47)', description: 'why; kept in the history (say no personal data here)' })
  @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}
