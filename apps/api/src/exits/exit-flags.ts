import { codesUnder } from '@bangfu/domain';
import { heldAt, type FlagRow, type ReadStore } from '@bangfu/projections';
import { verificationApprovals } from '@bangfu/workflow';

/**
 * SELF_VERIFICATION, judged against the responsibility record as known now: the runtime refuses a
 * verifier who held the household as far as the record then showed, but a handover recorded later with
 * an earlier start can reveal that the verifier was in fact responsible when they verified. The approvals are the
 * workflow's, the responsibility the registry's: each is asked of its owner.
 */
/** The type `selfVerificationFlags` raises. */
export const SELF_VERIFICATION_FLAG_TYPES = ['SELF_VERIFICATION'] as const;
type JudgedType = (typeof SELF_VERIFICATION_FLAG_TYPES)[number];

export function selfVerificationFlags(views: ReadStore, regionPrefix: string): Omit<FlagRow, 'position'>[] {
  return verificationApprovals(views, codesUnder(regionPrefix)).flatMap((approval) => {
    const held = heldAt(views, { householdId: approval.subject_id, cadreId: approval.actor_id, at: approval.at });
    if (!held) return [];
    return [
      {
        flag_id: `SELF_VERIFICATION:${approval.event_id}`,
        type: 'SELF_VERIFICATION' satisfies JudgedType,
        household_id: approval.subject_id,
        village_code: approval.village_code,
        cadre_id: approval.actor_id,
        occurred_at: approval.at,
        period_to: null,
        raised_at: held.recorded_from,
        details: JSON.stringify({
          exitId: approval.exit_id,
          responsibleFrom: held.valid_from,
          responsibilityRecordedAt: held.recorded_from,
        }),
        event_ids: JSON.stringify([approval.event_id]),
      },
    ];
  });
}
