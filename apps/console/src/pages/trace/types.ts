/** What `GET /cadres/{id}/record` and `GET /regions/{code}/record` both answer: one record of duties. */
export interface DutyRecord {
  period: { from: string; to: string };
  knownAt: string;
  held: {
    householdId: string;
    villageCode: string;
    cadreId: string;
    cadreName: string | null;
    from: string;
    to: string | null;
    recordedFrom: string;
    reason: string;
    connectBy: string | null;
  }[];
  visits: {
    byMonth: { month: string; visits: number; households: number; own: number }[];
    list: {
      visitId: string;
      eventId: string | null;
      householdId: string;
      cadreId: string;
      cadreName: string | null;
      kind: string;
      occurredAt: string;
      recordedAt: string;
      lagDays: number;
      ownHousehold: boolean;
      retracted: boolean;
    }[];
  };
  missed: {
    overdueMonths: {
      householdId: string;
      cadreId: string | null;
      cadreName: string | null;
      month: string;
      required: number;
      made: number;
      escalatedAt: string | null;
      caughtUpAt: string | null;
      eventId: string | null;
    }[];
    handoversNotConnected: {
      flagId: string;
      householdId: string;
      cadreId: string | null;
      cadreName: string | null;
      occurredAt: string;
      eventIds: string[];
    }[];
  };
  exitSteps: {
    exitId: string;
    subjectKind: 'household' | 'village';
    householdId: string | null;
    step: string;
    title: string;
    action: string;
    actorId: string;
    actorName: string | null;
    at: string;
    eventId: string;
  }[];
}

export interface CadreRecord extends DutyRecord {
  cadre: { cadreId: string; name: string; unitName: string | null; regionCode: string };
}

interface Named {
  cadreId: string;
  name: string | null;
}

export interface VillageRecord extends DutyRecord {
  village: { code: string; name: string };
  units: {
    unitId: string;
    name: string | null;
    from: string;
    to: string | null;
    reason: string;
    recordedAt: string;
    leads: { leadOfficial: string; from: string; to: string | null }[];
  }[];
  teams: { from: string; to: string | null; reason: string; recordedAt: string; firstSecretary: Named; members: Named[] }[];
}

/** An event a reviewer may cite as a case's grounds, and the cadre it concerns (proposed as the case's person). */
export interface Citable {
  eventId: string;
  cadreId: string | null;
}
