import { actors, by, events, memberSpec } from '../testing/member-history.fixture';
import { decideRecordActivity } from './record-activity.command';

const spec = memberSpec(decideRecordActivity);
const attend = (activityId: string, actor = actors.advisor) => ({ ...by(actor), activityId });

describe('club activities', () => {
  it('records attendance at an activity', () => {
    spec.given([events.enrolled()]).when(attend('self-drive-moganshan')).then([
      { type: 'ActivityRecorded', data: { memberId: 'mem-wang', activityId: 'self-drive-moganshan', occurredAt: '2026-03-10T10:00:00.000Z' } },
    ]);
  });

  it('records the same activity once', () => {
    spec.given([events.enrolled(), { type: 'ActivityRecorded', data: { memberId: 'mem-wang', activityId: 'diy-class', occurredAt: '2026-03-05T10:00:00.000Z' } }]).when(attend('diy-class')).then([]);
  });

  it('refuses a cancelled membership and another dealer', () => {
    spec.given([events.enrolled(), events.cancelled()]).when(attend('party')).thenThrows('MEMBER.CANCELLED');
    spec.given([events.enrolled()]).when(attend('party', actors.otherDealerAdvisor)).thenThrows('AUTH.OUT_OF_SCOPE');
  });
});
