import { specFor } from '@bangfu/testing';
import { exitAssessmentDecider, type ExitAssessmentEvent, type SatisfactionSurvey, type SpotCheck } from './exit-assessment.decider';

const spec = specFor(exitAssessmentDecider);
const check: SpotCheck = {
  regionCode: '222426',
  checkId: 'chk-1',
  checkedOn: '2026-01-10',
  exitedSampled: 50,
  wronglyExited: 1,
  othersSampled: 40,
  missedPoor: 0,
  team: '省第三方评估组',
};
const survey: SatisfactionSurvey = {
  regionCode: '222426',
  surveyId: 'svy-1',
  surveyedOn: '2026-01-10',
  respondents: 200,
  satisfied: 188,
  team: '省第三方评估组',
};
const checked: ExitAssessmentEvent = { type: 'ExitSpotCheckRecorded', data: check };

describe('exit assessment decider (摘帽 figures)', () => {
  it('records the rural population as of a date, the latest one replacing the last', () => {
    const population = { regionCode: '222426', population: 1260, asOf: '2026-01-01', source: '2025年统计年报' };
    spec
      .given([])
      .when({ type: 'RecordRuralPopulation', data: population })
      .then([{ type: 'RuralPopulationRecorded', data: population }]);
  });

  it('records a spot check (抽查) once', () => {
    spec.given([]).when({ type: 'RecordSpotCheck', data: check }).then([checked]);
    spec.given([checked]).when({ type: 'RecordSpotCheck', data: check }).then({ code: 'ASSESSMENT_ALREADY_RECORDED' });
  });

  it('refuses more wrongly exited than sampled, or more missed than sampled', () => {
    spec
      .given([])
      .when({ type: 'RecordSpotCheck', data: { ...check, wronglyExited: 51 } })
      .then({ code: 'INVALID_ASSESSMENT' });
    spec
      .given([])
      .when({ type: 'RecordSpotCheck', data: { ...check, missedPoor: 41 } })
      .then({ code: 'INVALID_ASSESSMENT' });
  });

  it('records a satisfaction survey once, and refuses more satisfied than asked', () => {
    const surveyed: ExitAssessmentEvent = { type: 'SatisfactionSurveyRecorded', data: survey };
    spec.given([]).when({ type: 'RecordSatisfactionSurvey', data: survey }).then([surveyed]);
    spec.given([surveyed]).when({ type: 'RecordSatisfactionSurvey', data: survey }).then({ code: 'ASSESSMENT_ALREADY_RECORDED' });
    spec
      .given([])
      .when({ type: 'RecordSatisfactionSurvey', data: { ...survey, satisfied: 201 } })
      .then({ code: 'INVALID_ASSESSMENT' });
  });
});
