import { actors, by, events, memberSpec } from '../testing/member-history.fixture';
import { decideRecordInterests } from './record-interests.command';

const spec = memberSpec(decideRecordInterests);
const interests = (list: string[]) => ({ ...by(actors.advisor), interests: list });

describe('member interests', () => {
  it('records the interests, normalised, with what was added', () => {
    spec.given([events.enrolled()]).when(interests([' Self_Drive ', 'diy_class', 'self_drive'])).then([
      { type: 'InterestsRecorded', data: { memberId: 'mem-wang', interests: ['self_drive', 'diy_class'], added: ['self_drive', 'diy_class'], removed: [] } },
    ]);
  });

  it('replaces the earlier list and says what was removed', () => {
    const earlier = { type: 'InterestsRecorded' as const, data: { memberId: 'mem-wang', interests: ['self_drive', 'diy_class'], added: ['self_drive', 'diy_class'], removed: [] } };
    spec.given([events.enrolled(), earlier]).when(interests(['diy_class', 'member_party'])).then([
      { type: 'InterestsRecorded', data: { memberId: 'mem-wang', interests: ['diy_class', 'member_party'], added: ['member_party'], removed: ['self_drive'] } },
    ]);
    spec.given([events.enrolled(), earlier]).when(interests(['diy_class', 'self_drive'])).then([]);
  });
});
