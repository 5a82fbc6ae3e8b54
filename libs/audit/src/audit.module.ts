import { DynamicModule, Module } from '@nestjs/common';
import { AsOfQuery, AS_OF_KINDS } from './as-of/as-of.query';
import type { AsOfKind } from './as-of/as-of-kind';
import { AuditTrailQuery } from './audit-trail/audit-trail.query';
import { AuditController } from './audit.http';
import { StreamHistoryQuery } from './stream-history/stream-history.query';
import { VerifyHistoryService } from './verify-history/verify-history.service';

/** The audit context's one public module: history, trail, as-of reads, verification. */
@Module({})
export class AuditModule {
  static forKinds(kinds: readonly AsOfKind[]): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditController],
      providers: [{ provide: AS_OF_KINDS, useValue: kinds }, AsOfQuery, StreamHistoryQuery, AuditTrailQuery, VerifyHistoryService],
      exports: [AsOfQuery, VerifyHistoryService],
    };
  }
}
