import type { Position } from '@aftercare/kernel';

/**
 * catching_up: the serving build has not reached the head since start;
 * live: it has and follows appends; rebuilding: a new build is being made beside
 * the serving one; stopped: the runner is not running.
 */
export type ProjectionState = 'catching_up' | 'live' | 'rebuilding' | 'stopped';

export interface RebuildProgress {
  version: number;
  generation: number;
  position: Position;
  headPosition: Position;
  /** position / headPosition, 0..1: positions are not contiguous, so this is an estimate. */
  progress: number;
  eventsApplied: number;
  eventsPerSecond: number;
  parkedCount: number;
  startedAt: string;
}

export interface ProjectionStatus {
  name: string;
  /** The build serving queries. */
  version: number;
  generation: number;
  /** Last event applied by the serving build. */
  position: Position;
  headPosition: Position;
  /**
   * Events of the projection's types after its checkpoint up to the head, counted
   * exactly up to the runner's lagCountLimit; `lagEventsExact` is false above it.
   */
  lagEvents: number;
  lagEventsExact: boolean;
  /** now − recordedAt of the oldest unapplied event; 0 when caught up. */
  lagMs: number;
  parkedCount: number;
  state: ProjectionState;
  /** recordedAt of the last event applied. */
  lastEventAt: string | null;
  eventsPerSecond: number;
  /** True when the serving build's version is no longer in the code: it is not updated until the switch. */
  frozen: boolean;
  rebuild: RebuildProgress | null;
}
