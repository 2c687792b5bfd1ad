/** What the exit handlers read from the record and hand to the workflow runtime; recorded on the events. */

export interface IncomeLineFact {
  /** 扶贫标准: yuan per person per year, in fen, for the year and place. */
  fen: number;
  /** The division whose standard applied and its version (0 = built-in). */
  regionCode: string;
  version: number;
}

export interface HouseholdStartFacts {
  status: 'unregistered' | 'registered' | 'removed';
  exited: boolean;
  villageCode: string | null;
  responsibleCadreId: string | null;
  /** The latest visit by the responsible cadre before the proposal (not retracted). */
  lastVisitByResponsibleAt: string | null;
  memberCount: number;
}

export interface HouseholdStepFacts {
  memberCount: number;
  incomeLine: IncomeLineFact;
}

export interface VillageStartFacts {
  registered: boolean;
  isVillage: boolean;
  exited: boolean;
}

export interface ChecklistItem {
  key: string;
  title: string;
}

export interface VillageStepFacts {
  /** 农业户籍人口 as last recorded for the village; null when never recorded. */
  ruralPopulation: number | null;
  /** People in registered households of the village that have not exited, from the registry. */
  poorPopulation: number;
  /** 贫困发生率 limit in basis points (200 = 2%). */
  incidenceLimitBp: number;
  checklist: { regionCode: string; version: number; items: ChecklistItem[] };
}
