import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { ReadModels } from '@aftercare/projections';
import type { DealerDirectory } from '@aftercare/platform';
import { DealerEvent, dealerStream } from '../domain/dealer.events';
import { evolveDealer, initialDealerState } from '../domain/dealer.state';
import { DEALER_ID_PATTERN } from '../register-dealer/register-dealer.dto';
import { DEALERS, DealerDoc, DealerView } from '../read-models/dealers/dealer.view';

/**
 * dealerId → region, for the scope checks of every request by an OEM role
 * (libs/platform ScopeService). A dealer's region never changes (no event
 * changes it), so a region once known is cached for the life of the process.
 * A miss reads the dealer's own stream, not the projection: right after a
 * registration (in this process or another) the answer is already correct.
 */
@Injectable()
export class DealerDirectoryService implements DealerDirectory {
  private readonly regions = new Map<string, string>();

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly readModels: ReadModels,
  ) {}

  remember(dealerId: string, region: string): void {
    this.regions.set(dealerId, region);
  }

  async regionOf(dealerId: string): Promise<string | null> {
    const cached = this.regions.get(dealerId);
    if (cached !== undefined) return cached;
    const dealer = await this.find(dealerId);
    return dealer ? dealer.region : null;
  }

  async dealersInRegion(region: string): Promise<string[]> {
    const dealers = await this.readModels.collection<DealerDoc>(DEALERS);
    const ids = new Set((await dealers.find({ region })).map((d) => d.dealerId));
    // Registrations this process made that the projection may not have applied yet.
    for (const [dealerId, r] of this.regions) if (r === region) ids.add(dealerId);
    return [...ids];
  }

  /** The dealer folded from its stream (authoritative, whatever the projection's lag); null if unknown. */
  async find(dealerId: string): Promise<DealerView | null> {
    if (!DEALER_ID_PATTERN.test(dealerId)) return null;
    const recorded = await this.events.readStream(dealerStream(dealerId));
    if (recorded.length === 0) return null;
    const state = recorded.reduce((s, e) => evolveDealer(s, e as unknown as DealerEvent), initialDealerState());
    if (!state.registered) return null;
    this.remember(state.dealerId, state.region);
    return {
      id: state.dealerId,
      dealerId: state.dealerId,
      name: state.name,
      region: state.region,
      registeredAt: recorded[0].metadata.occurredAt,
      revision: recorded[recorded.length - 1].revision,
    };
  }
}
