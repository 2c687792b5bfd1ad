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

/** The household's help plan (一户一策) as it stood when the step was acted on: what 入户核实 checks it against. */
export interface HelpPlanFact {
  measures: number;
  open: number;
  delivered: number;
  notDelivered: number;
  /** Open measures whose due date had passed. */
  overdue: number;
}

export interface HouseholdStepFacts {
  memberCount: number;
  incomeLine: IncomeLineFact;
  /** Absent on steps recorded before plans were kept. */
  plan?: HelpPlanFact;
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
