import { defineProjection } from '@aftercare/projections';
import { DealerEventTypes, DealerRegisteredData } from '../../domain/dealer.events';
import { DEALERS, DealerDoc } from './dealer.view';

/** The registry of dealers, listed by region (OEM scope) and by id. */
export const dealersProjection = defineProjection({
  name: 'dealers',
  version: 1,
  collections: {
    [DEALERS]: [{ fields: { region: 1 }, name: 'dealers_by_region' }],
  },
  handlers: {
    [DealerEventTypes.registered]: async (event, ctx) => {
      const data = event.data as DealerRegisteredData;
      await ctx.collection<DealerDoc>(DEALERS).replaceOne(
        { _id: data.dealerId },
        {
          _id: data.dealerId,
          dealerId: data.dealerId,
          name: data.name,
          region: data.region,
          registeredAt: event.metadata.occurredAt,
          revision: event.revision,
        },
        { upsert: true },
      );
    },
  },
});
