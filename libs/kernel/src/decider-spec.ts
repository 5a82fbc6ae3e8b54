import type { Decider } from './decider';
import type { DomainEvent } from './event';
import { DomainError } from './domain-error';

/**
 * given/when/then for deciders (Emmett's DeciderSpecification):
 *   spec(decider).given([...events]).when(command).then([...events])
 *   spec(decider).given([...]).when(command).thenThrows('COMPLAINT.NOT_ACKNOWLEDGED')
 */
export function deciderSpec<C, S, E extends DomainEvent>(decider: Decider<C, S, E>) {
  return {
    given(events: E[]) {
      return {
        when(command: C) {
          const run = (): E[] => {
            const state = events.reduce(decider.evolve, decider.initialState());
            return decider.decide(command, state);
          };
          return {
            then(expected: E[] | ((events: E[]) => void)): void {
              const actual = run();
              if (typeof expected === 'function') {
                expected(actual);
                return;
              }
              const a = JSON.stringify(actual);
              const e = JSON.stringify(expected);
              if (a !== e) throw new Error(`expected events\n  ${e}\nbut decide produced\n  ${a}`);
            },
            thenThrows(code: string): DomainError {
              try {
                const produced = run();
                throw new Error(`expected ${code} but decide produced ${JSON.stringify(produced)}`);
              } catch (err) {
                if (err instanceof DomainError) {
                  if (err.code !== code) throw new Error(`expected ${code} but got ${err.code}: ${err.message}`);
                  return err;
                }
                throw err;
              }
            },
          };
        },
      };
    },
  };
}
