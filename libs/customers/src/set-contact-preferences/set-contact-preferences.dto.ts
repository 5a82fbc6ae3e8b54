import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CALLBACK_TYPES, CallbackType } from '@aftercare/kernel';

export class SetContactPreferencesDto {
  @ApiProperty({ enum: CALLBACK_TYPES, isArray: true, description: 'callback types never to queue for this customer' })
  @IsArray() @ArrayMaxSize(CALLBACK_TYPES.length) @IsIn(CALLBACK_TYPES, { each: true })
  doNotCall!: CallbackType[];
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}
