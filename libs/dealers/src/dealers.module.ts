import { Global, Module } from '@nestjs/common';
import { DEALER_DIRECTORY } from '@aftercare/platform';
import { DealerDirectoryService } from './dealer-directory/dealer-directory.service';
import { RegisterDealerController } from './register-dealer/register-dealer.http';
import { RegisterDealerHandler } from './register-dealer/register-dealer.handler';
import { DealersController } from './read-models/dealers/dealers.http';
import { DealersQuery } from './read-models/dealers/dealers.query';
import { DealersResolver } from './read-models/dealers/dealers.resolver';

/**
 * The dealers context's one public module. Global because it provides the
 * platform's DEALER_DIRECTORY port: every context's scope checks need it.
 */
@Global()
@Module({
  controllers: [RegisterDealerController, DealersController],
  providers: [
    DealerDirectoryService,
    { provide: DEALER_DIRECTORY, useExisting: DealerDirectoryService },
    RegisterDealerHandler,
    DealersQuery,
    DealersResolver,
  ],
  exports: [DEALER_DIRECTORY, DealerDirectoryService],
})
export class DealersModule {}
