import type { ProjectEvent } from '@bangfu/domain';
import type { Projection } from '../projection';

export interface ProjectRow {
  project_id: string;
  name: string;
  region_code: string;
  lead_unit_id: string;
  budget_fen: number;
  due_on: string;
  approved_on: string;
  milestones: string;
  completed_on: string | null;
  accepted_on: string | null;
  acceptance: string | null;
  notice: string | null;
}

/** Projects with their milestones, completion, 验收 and 公告公示, and their beneficiary households. */
export const projectsProjection: Projection = {
  name: 'projects',
  // v2: the projects not yet completed indexed by due date (the inbox's PROJECT_OVERDUE page).
  version: 2,
  eventTypes: [
    'ProjectApproved',
    'BeneficiariesAdded',
    'MilestoneReached',
    'ProjectCompleted',
    'ProjectAccepted',
    'ProjectNoticePublished',
  ],
  tables: ['projects', 'project_beneficiaries'],
  schema: `
    CREATE TABLE {projects} (
      project_id TEXT PRIMARY KEY, name TEXT NOT NULL, region_code TEXT NOT NULL, lead_unit_id TEXT NOT NULL, budget_fen INTEGER NOT NULL,
      due_on TEXT NOT NULL, approved_on TEXT NOT NULL, milestones TEXT NOT NULL DEFAULT '[]', completed_on TEXT, accepted_on TEXT,
      acceptance TEXT, notice TEXT);
    CREATE INDEX {projects}_by_region ON {projects} (region_code);
    CREATE INDEX {projects}_open_by_due ON {projects} (due_on, region_code) WHERE completed_on IS NULL;
    CREATE TABLE {project_beneficiaries} (
      project_id TEXT NOT NULL, household_id TEXT NOT NULL, link TEXT NOT NULL, PRIMARY KEY (project_id, household_id)) WITHOUT ROWID;
    CREATE INDEX {project_beneficiaries}_by_household ON {project_beneficiaries} (household_id);`,
  apply(event, view) {
    const e = event as unknown as ProjectEvent;
    switch (e.type) {
      case 'ProjectApproved': {
        const p = e.data;
        view.run(
          `INSERT INTO {projects} (project_id, name, region_code, lead_unit_id, budget_fen, due_on, approved_on) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          p.projectId,
          p.name,
          p.regionCode,
          p.leadUnitId,
          p.budgetFen,
          p.dueOn,
          p.approvedOn,
        );
        return;
      }
      case 'BeneficiariesAdded':
        for (const householdId of e.data.householdIds) {
          view.run(
            'INSERT OR IGNORE INTO {project_beneficiaries} (project_id, household_id, link) VALUES (?, ?, ?)',
            e.data.projectId,
            householdId,
            e.data.link,
          );
        }
        return;
      case 'MilestoneReached': {
        const row = view.get<{ milestones: string }>('SELECT milestones FROM {projects} WHERE project_id = ?', e.data.projectId);
        const milestones = [...JSON.parse(row?.milestones ?? '[]'), { milestone: e.data.milestone, reachedOn: e.data.reachedOn }];
        view.run('UPDATE {projects} SET milestones = ? WHERE project_id = ?', JSON.stringify(milestones), e.data.projectId);
        return;
      }
      case 'ProjectCompleted':
        view.run('UPDATE {projects} SET completed_on = ? WHERE project_id = ?', e.data.completedOn, e.data.projectId);
        return;
      case 'ProjectAccepted':
        view.run(
          'UPDATE {projects} SET accepted_on = ?, acceptance = ? WHERE project_id = ?',
          e.data.passed ? e.data.acceptedOn : null,
          JSON.stringify(e.data),
          e.data.projectId,
        );
        return;
      case 'ProjectNoticePublished':
        view.run('UPDATE {projects} SET notice = ? WHERE project_id = ?', JSON.stringify(e.data), e.data.projectId);
        return;
      default:
        return;
    }
  },
};
