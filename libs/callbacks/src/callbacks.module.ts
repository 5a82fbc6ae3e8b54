import { Module } from '@nestjs/common';
import { ScheduleCallbackController } from './schedule-callback/schedule-callback.http';
import { ScheduleCallbackHandler } from './schedule-callback/schedule-callback.handler';
import { ClaimCallbackController } from './claim-callback/claim-callback.http';
import { ClaimCallbackHandler } from './claim-callback/claim-callback.handler';
import { RecordCallbackAttemptController } from './record-callback-attempt/record-callback-attempt.http';
import { RecordCallbackAttemptHandler } from './record-callback-attempt/record-callback-attempt.handler';
import { AnnounceCareEventController } from './announce-care-event/announce-care-event.http';
import { AnnounceCareEventHandler } from './announce-care-event/announce-care-event.handler';
import { CallbackQueueController } from './read-models/callback-queue/callback-queue.http';
import { CallbackQueueQuery } from './read-models/callback-queue/callback-queue.query';
import { CallbacksResolver } from './read-models/callback-queue/callbacks.resolver';
import { CallbackReportController } from './read-models/callback-report/callback-report.http';
import { CallbackReportQuery } from './read-models/callback-report/callback-report.query';
import { DailySheetCsv } from './read-models/callback-report/daily-sheet.csv';
import { CsiReportController } from './read-models/csi-report/csi-report.http';
import { CsiReportQuery } from './read-models/csi-report/csi-report.query';
import { CarePlanController } from './read-models/care-plan/care-plan.http';

/** The callbacks context's one public module (API.md "Callbacks"). */
@Module({
  controllers: [
    CallbackQueueController,
    ScheduleCallbackController,
    ClaimCallbackController,
    RecordCallbackAttemptController,
    AnnounceCareEventController,
    CallbackReportController,
    CsiReportController,
    CarePlanController,
  ],
  providers: [
    ScheduleCallbackHandler,
    ClaimCallbackHandler,
    RecordCallbackAttemptHandler,
    AnnounceCareEventHandler,
    CallbackQueueQuery,
    CallbackReportQuery,
    DailySheetCsv,
    CsiReportQuery,
    CallbacksResolver,
  ],
  exports: [CallbackQueueQuery],
})
export class CallbacksModule {}
