import { specFor } from '@bangfu/testing';
import type { Actor } from '../shared/actor';
import type { Decision } from '../shared/decider';
import {
  flagReviewDecider,
  type FlagReviewCommand,
  type FlagReviewEvent,
  type FlagReviewFacts,
  type FlagReviewStatus,
} from './flag-review.decider';

const spec = specFor(flagReviewDecider);
const FLAG = 'BACKFILLED_VISIT:v1';
const flag = { villageCode: '222426103201', flagType: 'BACKFILLED_VISIT' };
const review = (status: FlagReviewStatus): Decision<FlagReviewCommand, FlagReviewFacts> => ({
  type: 'ReviewFlag',
  data: { flagId: FLAG, status, note: '已核实' },
  facts: flag,
});
const reviewed = (status: FlagReviewStatus, previous: FlagReviewEvent['data']['previous']): FlagReviewEvent => ({
  type: 'FlagReviewed',
  data: { flagId: FLAG, status, note: '已核实', ...flag, previous },
});
const cadre: Actor = { id: 'c1', roles: ['cadre'] };
const inspector: Actor = { id: 'i1', roles: ['inspector'] };

describe('flag review decider', () => {
  it('lets those responsible explain (说明) an open flag, recording the flag’s village and type', () => {
    spec
      .given([])
      .when(review('explained'), { actor: cadre })
      .then([reviewed('explained', 'open')]);
  });

  it('lets an inspector confirm (属实) and close (办结) it', () => {
    spec
      .given([reviewed('explained', 'open')])
      .when(review('confirmed'), { actor: inspector })
      .then([reviewed('confirmed', 'explained')]);
    spec
      .given([reviewed('confirmed', 'explained')])
      .when(review('closed'), { actor: inspector })
      .then([reviewed('closed', 'confirmed')]);
  });

  it('refuses a cadre confirming or closing a flag about their own work', () => {
    spec.given([]).when(review('confirmed'), { actor: cadre }).then({ code: 'FLAG_REVIEW_ROLE_NOT_ALLOWED' });
    spec.given([]).when(review('closed'), { actor: cadre }).then({ code: 'FLAG_REVIEW_ROLE_NOT_ALLOWED' });
  });

  it('refuses any move once closed, and a move to the status it already has', () => {
    spec
      .given([reviewed('closed', 'open')])
      .when(review('confirmed'), { actor: inspector })
      .then({ code: 'FLAG_CLOSED' });
    spec
      .given([reviewed('explained', 'open')])
      .when(review('explained'), { actor: cadre })
      .then({ code: 'FLAG_STATUS_UNCHANGED' });
  });
});
