import { Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '@aftercare/platform';

/** `/solutions/{n}`: solutions are numbered 1, 2, … per complaint. */
@Injectable()
export class SolutionNumberPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,5}$/.test(value)) throw new RequestValidationError([{ field: 'n', message: 'the solution number must be a positive integer' }]);
    return Number(value);
  }
}
