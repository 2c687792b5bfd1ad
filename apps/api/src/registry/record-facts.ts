import { Inject, Injectable } from '@nestjs/common';
import {
  cadreDecider,
  exitAssessmentDecider,
  exitAssessmentStreamId,
  exitStandardDecider,
  exitStandardStreamId,
  standardInForce,
  type ExitStandardVersion,
  cadreStreamId,
  policyInForce,
  policyRegionsFor,
  regionDecider,
  regionStreamId,
  unitDecider,
  unitStreamId,
  villageDecider,
  villageStreamId,
  visitPolicyDecider,
  visitPolicyStreamId,
  type VisitPolicyVersion,
} from '@bangfu/domain';
import { EVENT_STORE, loadState, type EventStore } from '@bangfu/eventstore';

/**
 * Facts a command needs from streams other than its own, read from those streams (never from views,
 * which may lag) and handed to the pure deciders.
 */
@Injectable()
export class RecordFacts {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async region(code: string) {
    return loadState(this.store, regionStreamId(code), regionDecider);
  }

  async villageRegistered(code: string): Promise<boolean> {
    const region = await this.region(code);
    return region.registered && region.level === 'village';
  }

  cadre(cadreId: string) {
    return loadState(this.store, cadreStreamId(cadreId), cadreDecider);
  }

  unit(unitId: string) {
    return loadState(this.store, unitStreamId(unitId), unitDecider);
  }

  village(villageCode: string) {
    return loadState(this.store, villageStreamId(villageCode), villageDecider);
  }

  async visitPolicyVersions(regionCode: string): Promise<VisitPolicyVersion[]> {
    return (await loadState(this.store, visitPolicyStreamId(regionCode), visitPolicyDecider)).versions;
  }

  /** The visit policy in force in a division (a village, or a village-less division's own and above) on a Shanghai date. */
  async visitPolicy(regionCode: string, date: string): Promise<VisitPolicyVersion> {
    const regions = policyRegionsFor(regionCode);
    const states = await Promise.all(regions.map((code) => loadState(this.store, visitPolicyStreamId(code), visitPolicyDecider)));
    return policyInForce(new Map(regions.map((code, i) => [code, states[i].versions])), regionCode, date);
  }

  /** The exit standard (income line, incidence limit, village checklist) in force for a division on a Shanghai date. */
  async exitStandard(regionCode: string, date: string): Promise<ExitStandardVersion> {
    const regions = policyRegionsFor(regionCode);
    const states = await Promise.all(regions.map((code) => loadState(this.store, exitStandardStreamId(code), exitStandardDecider)));
    return standardInForce(new Map(regions.map((code, i) => [code, states[i].versions])), regionCode, date);
  }

  async ruralPopulation(regionCode: string): Promise<number | null> {
    return (await loadState(this.store, exitAssessmentStreamId(regionCode), exitAssessmentDecider)).population?.population ?? null;
  }
}
