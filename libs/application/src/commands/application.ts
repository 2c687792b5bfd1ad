import { HOUSEHOLD_COMMAND_TYPES } from '@bangfu/domain';
import type { EventStore } from '@bangfu/eventstore';
import type { ProjectionRunner, ReadStore } from '@bangfu/projections';
import { IDENTIFICATION_OUTCOME_COMMAND_TYPES, WORKFLOW_COMMAND_TYPES } from '@bangfu/workflow';
import { CaseCommands } from '../accountability/case.commands';
import { VillageCommands } from '../assignment/village.commands';
import { ExitRecordsCommands } from '../exits/exit-records.commands';
import { ExitCommands } from '../exits/exit.commands';
import { IdentificationOutcomeCommands } from '../exits/identification-outcome.commands';
import { RecordFacts } from '../facts/record-facts';
import { ReviewFlagCommands, type FindFlag } from '../flags/flag-review.commands';
import { FundCommands } from '../funds/fund.commands';
import { HelpPlanCommands } from '../help-plan/help-plan.commands';
import { ReallocateFundCommands } from '../funds/reallocate-fund.commands';
import { CitedEvents } from '../ledger/cited-events';
import { ProjectCommands } from '../projects/project.commands';
import { CadreCommands, type RunningProcesses } from '../registry/cadre.commands';
import { HouseholdCommands } from '../registry/household.commands';
import { RegionCommands } from '../registry/region.commands';
import { SupportSystemCommands } from '../registry/support-system.commands';
import { UnitCommands } from '../registry/unit.commands';
import { SupervisionCommands } from '../supervision/supervision.commands';
import { RecurringTaskCommands } from '../tasks/recurring-task.commands';
import { TaskCommands } from '../tasks/task.commands';
import { VisitPolicyCommands } from '../visits/visit-policy.commands';
import { CommandRouter } from './command-router';

export interface ApplicationPorts {
  store: EventStore;
  views: ReadStore;
  projections: ProjectionRunner;
  /** Where a flag under review is found; without it (an importer) flags cannot be reviewed. */
  findFlag?: FindFlag;
  /** The node's process runner, once it runs: a recall's answer waits for its handovers. */
  processes?: RunningProcesses;
}

/**
 * bangfu's application services, one per area, each a plain class that reads the facts a decision needs, decides
 * and appends. The HTTP controllers (through one Nest command handler), the CLI's importers, the demo and the
 * simulation all record through these, and `router` sends a command held as data to the service of its type.
 */
export class Application {
  readonly facts: RecordFacts;
  readonly cited: CitedEvents;
  readonly households: HouseholdCommands;
  readonly helpPlans: HelpPlanCommands;
  readonly villages: VillageCommands;
  readonly regions: RegionCommands;
  readonly units: UnitCommands;
  readonly supportSystems: SupportSystemCommands;
  readonly cadres: CadreCommands;
  readonly projects: ProjectCommands;
  readonly funds: FundCommands;
  readonly reallocations: ReallocateFundCommands;
  readonly tasks: TaskCommands;
  readonly recurringTasks: RecurringTaskCommands;
  readonly supervision: SupervisionCommands;
  readonly cases: CaseCommands;
  readonly exits: ExitCommands;
  readonly identificationOutcomes: IdentificationOutcomeCommands;
  readonly exitRecords: ExitRecordsCommands;
  readonly visitPolicies: VisitPolicyCommands;
  readonly flagReviews: ReviewFlagCommands;
  readonly router: CommandRouter;

  constructor({ store, views, projections, findFlag = () => undefined, processes = () => undefined }: ApplicationPorts) {
    this.facts = new RecordFacts(store);
    this.cited = new CitedEvents(store, views, projections);
    this.households = new HouseholdCommands(store, this.facts);
    this.helpPlans = new HelpPlanCommands(store, this.facts);
    this.villages = new VillageCommands(store, this.facts);
    this.regions = new RegionCommands(store, this.facts);
    this.units = new UnitCommands(store, this.facts);
    this.supportSystems = new SupportSystemCommands(store, this.facts);
    this.cadres = new CadreCommands(store, this.facts, views, projections, processes);
    this.projects = new ProjectCommands(store, this.facts);
    this.funds = new FundCommands(store);
    this.reallocations = new ReallocateFundCommands(store, this.funds);
    this.tasks = new TaskCommands(store, this.facts);
    this.recurringTasks = new RecurringTaskCommands(store, this.facts);
    this.supervision = new SupervisionCommands(store, views, this.facts, this.cited);
    this.cases = new CaseCommands(store, this.facts, this.cited);
    this.exits = new ExitCommands(store, this.facts, views);
    this.identificationOutcomes = new IdentificationOutcomeCommands(store, this.households);
    this.exitRecords = new ExitRecordsCommands(store, this.facts);
    this.visitPolicies = new VisitPolicyCommands(store);
    this.flagReviews = new ReviewFlagCommands(store, findFlag, projections);
    this.router = new CommandRouter()
      .route(HOUSEHOLD_COMMAND_TYPES, (command, metadata) => this.households.execute(command, metadata))
      .route(
        [
          'AssignUnitToVillage',
          'AssignWorkTeam',
          'CloseVisitMonth',
          'MarkVillageExited',
          'FileWorkTeamReport',
          'CheckWorkTeamReport',
          'EscalateWorkTeamReport',
        ],
        (command, metadata) => this.villages.execute(command, metadata),
      )
      .route(['RegisterRegion', 'RenameRegion', 'DeclareGoLive'], (command, metadata) => this.regions.execute(command, metadata))
      .route(['RegisterUnit', 'ChangeUnitLead'], (command, metadata) => this.units.execute(command, metadata))
      .route(['RegisterCadre', 'RecallCadre', 'CompleteCadreRecall'], (command, metadata) => this.cadres.execute(command, metadata))
      .route(
        ['ApproveProject', 'AddBeneficiaries', 'RecordMilestone', 'CompleteProject', 'AcceptProject', 'PublishProjectNotice'],
        (command, metadata) => this.projects.execute(command, metadata),
      )
      .route(['AllocateFund', 'DisburseFund', 'ConfirmReceipt', 'RecoverFunds', 'ReallocateFund'], (command, metadata) =>
        this.funds.execute(command, metadata),
      )
      .route(['IssueTask', 'ReportTaskProgress', 'SubmitTaskCompletion', 'VerifyTaskCompletion', 'MarkTaskOverdue'], (command, metadata) =>
        this.tasks.execute(command, metadata),
      )
      .route(
        [
          'DrawSample',
          'RecordFinding',
          'OrderRectification',
          'ReportRectification',
          'VerifyRectification',
          'MarkRectificationOverdue',
          'EscalateRectification',
        ],
        (command, metadata) => this.supervision.execute(command, metadata),
      )
      .route(['OpenCase', 'RecordCaseDecision'], (command, metadata) => this.cases.execute(command, metadata))
      .route(WORKFLOW_COMMAND_TYPES, (command, metadata) => this.exits.execute(command, metadata))
      .route(IDENTIFICATION_OUTCOME_COMMAND_TYPES, (command, metadata) => this.identificationOutcomes.execute(command, metadata))
      .route(['AdoptExitStandard', 'RecordRuralPopulation', 'RecordSpotCheck', 'RecordSatisfactionSurvey'], (command, metadata) =>
        this.exitRecords.execute(command, metadata),
      )
      .route(['AdoptVisitPolicy'], (command, metadata) => this.visitPolicies.execute(command, metadata))
      .route(['ReviewFlag'], (command, metadata) => this.flagReviews.execute(command, metadata))
      .route(['RegisterSupportSystem', 'RecordJointMeeting', 'CloseMeetingQuarter', 'EscalateJointMeeting'], (command, metadata) =>
        this.supportSystems.execute(command, metadata),
      )
      .route(['DefineRecurringTask', 'IssueRecurringPeriod', 'EndRecurringTask'], (command, metadata) =>
        this.recurringTasks.execute(command, metadata),
      )
      .route(['AddMeasure', 'ReviseMeasure', 'RecordMeasureDelivery', 'RecordMeasureNotDelivered'], (command, metadata) =>
        this.helpPlans.execute(command, metadata),
      );
  }
}
