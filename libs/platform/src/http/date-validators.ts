import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { Clock, systemClock } from '@aftercare/kernel';

/**
 * DTO decorators run outside dependency injection, so the host hands them its
 * clock at boot (PlatformModule): a test on a FixedClock validates against the
 * same "now" its commands use.
 */
let clock: Clock = systemClock;

export function useValidationClock(c: Clock): void {
  clock = c;
}

/** API.md: facts that happened carry dates that are not in the future. */
export function NotInFuture(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notInFuture',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must not be in the future`, ...options },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || Number.isNaN(Date.parse(value)) || Date.parse(value) <= clock.now().getTime(),
      },
    });
}

/** This date may not precede another date field of the same body (delivery after purchase). */
export function NotBefore(otherField: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notBefore',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [otherField],
      options: { message: `${String(propertyName)} must not be before ${otherField}`, ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const other = (args.object as Record<string, unknown>)[otherField];
          if (typeof value !== 'string' || typeof other !== 'string') return true;
          const a = Date.parse(value);
          const b = Date.parse(other);
          return Number.isNaN(a) || Number.isNaN(b) || a >= b;
        },
      },
    });
}
