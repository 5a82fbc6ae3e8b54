import type { DomainEvent } from './event';

/**
 * A pure decider (Emmett / Chassaing style): all of a context's write-side rules.
 * `decide` may throw a DomainError; it never performs I/O or reads the clock:
 * time comes in on the command.
 */
export interface Decider<TCommand, TState, TEvent extends DomainEvent> {
  decide(command: TCommand, state: TState): TEvent[];
  evolve(state: TState, event: TEvent): TState;
  initialState(): TState;
}

export function fold<TState, TEvent>(
  evolve: (state: TState, event: TEvent) => TState,
  initial: TState,
  events: Iterable<TEvent>,
): TState {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
}
