import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

/** 农业户籍人口 of a division, the denominator of 贫困发生率. */
export interface RuralPopulation {
  regionCode: string;
  population: number;
  asOf: string;
  source: string;
}

/** A spot check (抽查) of exit quality: exited households re-verified (错退) and non-registered households visited (漏评). */
export interface SpotCheck {
  regionCode: string;
  checkId: string;
  checkedOn: string;
  exitedSampled: number;
  wronglyExited: number;
  othersSampled: number;
  missedPoor: number;
  team: string;
}

/** A 群众认可度 survey: respondents and how many approve of the exits. */
export interface SatisfactionSurvey {
  regionCode: string;
  surveyId: string;
  surveyedOn: string;
  respondents: number;
  satisfied: number;
  team: string;
}

export type ExitAssessmentCommand =
  | { type: 'RecordRuralPopulation'; data: RuralPopulation }
  | { type: 'RecordSpotCheck'; data: SpotCheck }
  | { type: 'RecordSatisfactionSurvey'; data: SatisfactionSurvey };

export type ExitAssessmentEvent =
  | { type: 'RuralPopulationRecorded'; data: RuralPopulation }
  | { type: 'ExitSpotCheckRecorded'; data: SpotCheck }
  | { type: 'SatisfactionSurveyRecorded'; data: SatisfactionSurvey };

export interface ExitAssessmentState {
  population: RuralPopulation | null;
  recorded: Set<string>;
}

export class InvalidAssessmentError extends DomainError {
  readonly code = 'INVALID_ASSESSMENT';
  override readonly kind = 'invalid' as const;
}
export class AssessmentAlreadyRecordedError extends DomainError {
  readonly code = 'ASSESSMENT_ALREADY_RECORDED';
}

export function exitAssessmentStreamId(regionCode: string): string {
  return `exitassessment-${regionCode}`;
}

/** The figures a county's 摘帽 is judged on besides the registry: population, spot checks, surveys. */
export const exitAssessmentDecider: Decider<ExitAssessmentCommand, ExitAssessmentEvent, ExitAssessmentState> = {
  initialState: () => ({ population: null, recorded: new Set() }),
  evolve(state, event) {
    switch (event.type) {
      case 'RuralPopulationRecorded':
        return { ...state, population: event.data };
      case 'ExitSpotCheckRecorded':
        return { ...state, recorded: new Set(state.recorded).add(`check:${event.data.checkId}`) };
      case 'SatisfactionSurveyRecorded':
        return { ...state, recorded: new Set(state.recorded).add(`survey:${event.data.surveyId}`) };
      default:
        return assertNever(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'RecordRuralPopulation':
        return [{ type: 'RuralPopulationRecorded', data: command.data }];
      case 'RecordSpotCheck': {
        const check = command.data;
        if (state.recorded.has(`check:${check.checkId}`))
          throw new AssessmentAlreadyRecordedError(`spot check ${check.checkId} is already recorded`);
        if (check.wronglyExited > check.exitedSampled) {
          throw new InvalidAssessmentError('wronglyExited cannot exceed exitedSampled', { field: 'wronglyExited' });
        }
        if (check.missedPoor > check.othersSampled)
          throw new InvalidAssessmentError('missedPoor cannot exceed othersSampled', { field: 'missedPoor' });
        return [{ type: 'ExitSpotCheckRecorded', data: check }];
      }
      case 'RecordSatisfactionSurvey': {
        const survey = command.data;
        if (state.recorded.has(`survey:${survey.surveyId}`))
          throw new AssessmentAlreadyRecordedError(`survey ${survey.surveyId} is already recorded`);
        if (survey.satisfied > survey.respondents)
          throw new InvalidAssessmentError('satisfied cannot exceed respondents', { field: 'satisfied' });
        return [{ type: 'SatisfactionSurveyRecorded', data: survey }];
      }
      default:
        return assertNever(command);
    }
  },
};
