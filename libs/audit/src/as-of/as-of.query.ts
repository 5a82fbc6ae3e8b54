import { Inject, Injectable } from '@nestjs/common';
import { DomainError, streamName, type RecordedEvent } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { Principal, ScopeService } from '@aftercare/platform';
import { maskForRole } from '@aftercare/personal-data';
import type { AsOfKind } from './as-of-kind';

export const AS_OF_KINDS = Symbol('AsOfKinds');

/** GET /audit/{kind}/{id}/as-of: any registered record exactly as it was recorded by an instant (system time). */
@Injectable()
export class AsOfQuery {
  private readonly kinds: Map<string, AsOfKind>;

  constructor(
    @Inject(AS_OF_KINDS) kinds: readonly AsOfKind[],
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly scope: ScopeService,
  ) {
    this.kinds = new Map(kinds.map((k) => [k.kind, k]));
  }

  get kindNames(): string[] {
    return [...this.kinds.keys()];
  }

  async asOf(caller: Principal, kindName: string, id: string, at: string): Promise<unknown> {
    const kind = this.kinds.get(kindName);
    if (!kind) {
      throw DomainError.notFound('AUDIT.UNKNOWN_KIND', `no record kind "${kindName}" can be rebuilt; known: ${this.kindNames.join(', ')}`);
    }
    let state = kind.initialState(id);
    try {
      // recordedAt, not occurredAt: the auditor asks what the system knew at that instant.
      for await (const event of this.source(kind, id)) {
        if (event.metadata.recordedAt <= at) state = await kind.evolve(state, event);
      }
      const view = await kind.view(state, id, at);
      if (view === null || view === undefined) {
        throw DomainError.notFound('AUDIT.NOT_FOUND_AS_OF', `${kindName} ${id} did not exist at ${at}`);
      }
      const dealerId = kind.dealerIdOf(view);
      // OEM-wide records (no dealer) are for the roles that read everything.
      if (dealerId) await this.scope.assertCanRead(caller, dealerId);
      else if (!(await this.scope.readableDealers(caller)).all) throw DomainError.forbidden('AUTH.OUT_OF_SCOPE', `${kindName} ${id} belongs to no dealer`);
      // Phones and national ids as the live reads show them to this role (docs/personal-data.md).
      return typeof view === 'object' ? maskForRole(view as object, caller.role) : view;
    } finally {
      await kind.dispose?.(state);
    }
  }

  private async *source(kind: AsOfKind, id: string): AsyncIterable<RecordedEvent> {
    if (kind.types) {
      yield* this.events.readAll({ filter: { types: [...kind.types] } });
    } else {
      yield* await this.events.readStream(streamName(kind.category, id));
    }
  }
}
