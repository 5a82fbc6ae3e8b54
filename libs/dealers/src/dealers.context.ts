import { defineContext } from '@aftercare/platform';
import { DealersModule } from './dealers.module';
import { dealersProjection } from './read-models/dealers/dealers.projection';
import { DEALERS_TYPE_DEFS } from './read-models/dealers/dealers.resolver';

/** API.md "Dealers": the registry every scope check of OEM roles relies on. */
export const dealersContext = defineContext({
  name: 'dealers',
  module: DealersModule,
  projections: [dealersProjection],
  typeDefs: DEALERS_TYPE_DEFS,
});
