import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  CAMPAIGN_CITY_HISTORY_LIMIT,
  CAMPAIGN_CITY_RECENT_TASK_IDS,
  campaignCityStateQuery,
  campaignCityWorkflowId,
  campaignStateQuery,
  campaignSubmissionUpdate,
  campaignTransitionUpdate,
  SELF_INSPECTION_TASK_PAGE,
  type CampaignActivities,
  type CampaignCityCounters,
  type CampaignCityState,
  type CampaignCityWorkflowInput,
  type CampaignInstants,
  type CampaignSubmission,
  type CampaignTransition,
  type CampaignWorkflowInput,
  type CampaignWorkflowPhase,
  type CampaignWorkflowState,
  type RemindedPhase,
} from './contracts/campaign.js';
import { instantOf, waitUntil, isInstant } from './time.js';

// As for annual plans and audits: the activities run the backend's commands, which are idempotent
// (keyed by campaign, phase, city and institution), so retrying them is always safe. No attempt
// limit: each step must eventually happen; while one is being retried, updates keep being applied.
// A step delayed past the next instant simply makes that instant fire at once afterwards.
const activities = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** The phase instants as epoch milliseconds, checked to be in calendar order. */
interface Clock {
  selfInspectionOpensAt: number;
  selfInspectionClosesAt: number;
  spotCheckOpensAt: number;
  spotCheckClosesAt: number;
  summaryDueAt: number;
}

function clockOf(instants: CampaignInstants): Clock {
  const clock: Clock = {
    selfInspectionOpensAt: instantOf(instants?.selfInspectionOpensAt, 'selfInspectionOpensAt', 'campaign input', 'InvalidCampaignInput'),
    selfInspectionClosesAt: instantOf(instants?.selfInspectionClosesAt, 'selfInspectionClosesAt', 'campaign input', 'InvalidCampaignInput'),
    spotCheckOpensAt: instantOf(instants?.spotCheckOpensAt, 'spotCheckOpensAt', 'campaign input', 'InvalidCampaignInput'),
    spotCheckClosesAt: instantOf(instants?.spotCheckClosesAt, 'spotCheckClosesAt', 'campaign input', 'InvalidCampaignInput'),
    summaryDueAt: instantOf(instants?.summaryDueAt, 'summaryDueAt', 'campaign input', 'InvalidCampaignInput'),
  };
  const order = Object.entries(clock) as [keyof Clock, number][];
  for (let i = 1; i < order.length; i += 1) {
    if (order[i][1] < order[i - 1][1]) {
      throw ApplicationFailure.nonRetryable(
        `campaign input: ${order[i][0]} (${new Date(order[i][1]).toISOString()}) is before ${order[i - 1][0]} (${new Date(order[i - 1][1]).toISOString()})`,
        'InvalidCampaignInput',
      );
    }
  }
  return clock;
}

/**
 * The campaign phase at an instant by the calendar alone. Between the self-inspection close and
 * the spot-check opening (a gap only when the official tightened the calendar) the phase stays
 * 'self_inspection': the city workflows escalate the missing reports at the close itself.
 */
function phaseAt(clock: Clock, now: number): CampaignWorkflowPhase {
  if (now < clock.selfInspectionOpensAt) return 'planning';
  if (now < clock.spotCheckOpensAt) return 'self_inspection';
  if (now < clock.spotCheckClosesAt) return 'spot_check';
  return 'summary';
}

// ---------------------------------------------------------------------------------------------
// The campaign (one province, one year, one title)
// ---------------------------------------------------------------------------------------------

/** One step of the campaign's clock. */
type AgendaItem =
  | { at: number; kind: 'open'; phase: 'self_inspection' | 'spot_check' | 'summary' }
  | { at: number; kind: 'remind'; phase: RemindedPhase; iso: string }
  | { at: number; kind: 'summary_due' };

/** At one instant: a phase opens before its reminders, reminders before the overdue flag. */
const AGENDA_RANK: Record<AgendaItem['kind'], number> = { open: 0, remind: 1, summary_due: 2 };
const REMINDED_PHASES: readonly RemindedPhase[] = ['self_inspection', 'spot_check', 'summary'];

/** Every instant of the campaign's clock in time order (ties: rank, then input order). */
function agendaOf(clock: Clock, reminders: CampaignInstants['reminders']): AgendaItem[] {
  const items: AgendaItem[] = [
    { at: clock.selfInspectionOpensAt, kind: 'open', phase: 'self_inspection' },
    { at: clock.spotCheckOpensAt, kind: 'open', phase: 'spot_check' },
    { at: clock.spotCheckClosesAt, kind: 'open', phase: 'summary' },
    { at: clock.summaryDueAt, kind: 'summary_due' },
  ];
  for (const [i, r] of (reminders ?? []).entries()) {
    if (!REMINDED_PHASES.includes(r?.phase)) {
      throw ApplicationFailure.nonRetryable(`campaign input: reminders[${i}] has an unknown phase ${JSON.stringify(r?.phase)}`, 'InvalidCampaignInput');
    }
    items.push({ at: instantOf(r.at, `reminders[${i}].at`, 'campaign input', 'InvalidCampaignInput'), kind: 'remind', phase: r.phase, iso: r.at });
  }
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.at - b.item.at || AGENDA_RANK[a.item.kind] - AGENDA_RANK[b.item.kind] || a.index - b.index)
    .map(({ item }) => item);
}

/**
 * Why the transition is refused in the given phase, or null when it is allowed. Pure: the update
 * validator uses it (validators run only when an update arrives, never on replay).
 */
function campaignRefusal(t: CampaignTransition, phase: CampaignWorkflowPhase): string | null {
  const action = (t as { action?: unknown } | null)?.action;
  if (action !== 'summary_filed') return `campaign transition refused: unknown action '${String(action)}' (phase '${phase}')`;
  if (phase === 'closed') return `campaign transition refused: cannot 'summary_filed': the campaign is closed`;
  if (phase !== 'summary') {
    return `campaign transition refused: cannot 'summary_filed' in phase '${phase}': the summary can be filed only once the spot-check phase has closed (phase 'summary')`;
  }
  if (!isInstant(t.at)) return `campaign transition refused: cannot 'summary_filed': at is not an instant (${JSON.stringify(t.at)})`;
  return null;
}

/**
 * How many city workflows are started at once. A campaign covers the cities of one province (~10–20),
 * so this is one window in practice; the bound keeps a workflow task's start commands small should a
 * campaign ever cover more. The window bounds the starts in flight, not the running children: every
 * city runs for the whole self-inspection and spot-check phases.
 */
export const CAMPAIGN_CITY_START_WINDOW = 50;

/**
 * One special campaign (专项治理, seed 003 一(二)) after its assignment: starts one city workflow per
 * covered city (they create the self-inspection tasks and escalate the missing reports), then runs
 * the campaign's clock: the self-inspection, spot-check and summary phases open on their instants
 * (`openCampaignPhase`), the reminders fire on theirs, and the summary is flagged overdue (once) when
 * the deadline passes unfiled. It completes when the backend relays the filing (`summary_filed`),
 * after opening the 'closed' phase.
 *
 * Clock-driven phase changes are applied when the timer fires, before the step's activity is
 * scheduled: the backend moves its phase column inside that activity, so a filing it relays
 * afterwards finds the workflow already in phase 'summary', even while the activity is retried.
 *
 * The database keeps phase 'self_inspection' from the self-inspection close until the spot-check
 * opens; the city workflows close the self-inspection (escalation of missing reports) at its own
 * instant, and a report accepted in that gap is the database's call (ADR 0007).
 *
 * History is bounded: ~20 child starts, ≤ 10 timers and activities, one update. No continue-as-new.
 * The city workflows are abandoned when this one closes and are not awaited: they end with the
 * spot-check phase, before the summary can be filed, and a city whose escalation is still being
 * retried must not hold back the campaign's close.
 */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignWorkflowState> {
  const state: CampaignWorkflowState = { phase: 'planning', summaryFiled: false, summaryOverdue: false, citiesStarted: 0 };
  const snapshot = (): CampaignWorkflowState => ({ ...state });

  // Handlers are set before the first await so that updates delivered with the start are applied.
  setHandler(
    campaignTransitionUpdate,
    // Synchronous, so nothing can run between the validator's check and the change. Relay retries
    // carry the same update id: Temporal returns the first outcome without running this again.
    () => {
      state.summaryFiled = true;
      // The backend closed the campaign when it committed the filing: nothing is accepted after it.
      state.phase = 'closed';
      return snapshot();
    },
    {
      validator: (t) => {
        const reason = campaignRefusal(t, state.phase);
        if (reason) throw new Error(reason);
      },
    },
  );
  setHandler(campaignStateQuery, snapshot);

  const clock = clockOf(input.instants);
  const agenda = agendaOf(clock, input.instants.reminders);
  const base = { actor: input.actor, campaignId: input.campaignId };

  const cityCodes = input.cityCodes ?? [];
  for (let i = 0; i < cityCodes.length; i += CAMPAIGN_CITY_START_WINDOW) {
    const window = cityCodes.slice(i, i + CAMPAIGN_CITY_START_WINDOW);
    const started = await Promise.allSettled(
      window.map((cityCode) =>
        startChild(campaignCityWorkflow, {
          workflowId: campaignCityWorkflowId(input.campaignId, cityCode),
          args: [{ campaignId: input.campaignId, actor: input.actor, cityCode, instants: input.instants }],
          // The cities outlive the campaign workflow (terminated or reset): their tasks and
          // escalations belong to the campaign, not to this run.
          parentClosePolicy: ParentClosePolicy.ABANDON,
          // A city that completed is never run again (its escalation is done) when this workflow is
          // run again; one that failed or was terminated is started anew (its steps are idempotent and
          // its task creation resumes from the database), so an operator restarting the campaign
          // workflow repairs it. A city still running is left alone.
          workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
        }),
      ),
    );
    for (const [j, s] of started.entries()) {
      if (s.status === 'fulfilled') state.citiesStarted += 1;
      else if (s.reason instanceof WorkflowExecutionAlreadyStartedError) {
        // Already running or completed (started by an earlier run of this workflow): it runs on
        // its own; it counts as started.
        log.warn('campaign city workflow already started, not started again', { campaignId: input.campaignId, cityCode: window[j] });
        state.citiesStarted += 1;
      } else throw s.reason;
    }
  }

  const filed = () => state.summaryFiled;
  for (const item of agenda) {
    // Once filed (possible only in phase 'summary'), what is left — summary reminders and the
    // deadline — no longer applies.
    if (await waitUntil(filed, item.at)) break;
    switch (item.kind) {
      case 'open':
        state.phase = item.phase;
        await activities.openCampaignPhase({ ...base, phase: item.phase });
        break;
      case 'remind':
        await activities.remindCampaignPhase({ ...base, phase: item.phase, at: item.iso });
        break;
      case 'summary_due':
        await activities.markCampaignSummaryOverdue(base);
        // Records lateness: stays set when the summary is filed later.
        state.summaryOverdue = true;
        break;
    }
  }
  await condition(filed);
  await activities.openCampaignPhase({ ...base, phase: 'closed' });
  return snapshot();
}

// ---------------------------------------------------------------------------------------------
// One city of a campaign
// ---------------------------------------------------------------------------------------------

/** Why the submission is refused, or null. Pure (validators never run on replay). */
function submissionRefusal(s: CampaignSubmission, spotCheckClosed: boolean): string | null {
  if (typeof s?.taskId !== 'string' || s.taskId === '') {
    return `campaign submission refused: taskId must be a non-empty string (${JSON.stringify(s?.taskId)})`;
  }
  if (!isInstant(s.at)) return `campaign submission refused: task '${s.taskId}': at is not an instant (${JSON.stringify(s.at)})`;
  if (typeof s.late !== 'boolean') return `campaign submission refused: task '${s.taskId}': late must be true or false (${JSON.stringify(s.late)})`;
  if (spotCheckClosed) return `campaign submission refused: task '${s.taskId}': the spot-check phase has closed, no report is accepted any more`;
  return null;
}

/**
 * The tasks and reports of one city of a campaign (5,000–10,000 institutions in a large city).
 *
 * Why a workflow per city rather than one per institution: the ~30,000 institutions of a province
 * have no clock of their own — every task of a city opens, closes and is escalated on the same
 * campaign instants — so a workflow each would only multiply timers and starts by 30,000 for
 * nothing. The tasks are rows in the database, created by a paged activity (500 per call, keyset on
 * institution id, idempotent), so each activity call is bounded whatever the size of the city, and
 * the escalation at the close is one set-based command per city.
 *
 * Why continue-as-new: each accepted report is one update (mirrored so the city's counters can be
 * queried), and 10,000 reports would take the history far past Temporal's limits (warning at 10,240
 * events, termination at 51,200). So the run continues as new when Temporal suggests it
 * (`continueAsNewSuggested`) or when its history reaches `historyLimit` events (10,000 by default;
 * the test server never suggests), carrying its counters — the task cursor among them, so task
 * creation resumes after the last page done — and the latest task ids (Temporal deduplicates
 * update ids within one run only). It does so only at a wait or between two pages, after every
 * update handler has finished. A worker restart needs nothing of this: replay rebuilds the run.
 */
export async function campaignCityWorkflow(input: CampaignCityWorkflowInput): Promise<CampaignCityState> {
  const clock = clockOf(input.instants);
  const counters: CampaignCityCounters = {
    tasksCreated: 0, cursor: null, tasksComplete: false, submitted: 0, late: 0, missingAtClose: null,
    ...input.counters,
  };
  const state = { phase: 'planning' as CampaignWorkflowPhase };
  const snapshot = (): CampaignCityState => ({ ...counters, phase: state.phase });
  let spotCheckClosed = false;
  /** Task ids submitted: those carried from the previous run, then this run's (kept whole: this run is bounded). */
  const recent: string[] = [...(input.recentTaskIds ?? [])];
  const seen = new Set(recent);
  /** Pages and updates applied in this run: a run that has done nothing never continues as new. */
  let progress = 0;

  setHandler(
    campaignSubmissionUpdate,
    (s) => {
      progress += 1;
      // The database accepts one report per task: a task id seen again is a relay retry whose first
      // delivery was applied (by this run or the previous one), so it changes nothing.
      if (seen.has(s.taskId)) return snapshot();
      seen.add(s.taskId);
      recent.push(s.taskId);
      counters.submitted += 1;
      // Lateness is the database's decision (ADR 0007): counted as relayed.
      if (s.late) counters.late += 1;
      return snapshot();
    },
    {
      validator: (s) => {
        // Date.now() is the workflow time of this activation (validators never run on replay): an
        // update arriving with the timer of the spot-check close is refused too.
        const reason = submissionRefusal(s, spotCheckClosed || Date.now() >= clock.spotCheckClosesAt);
        if (reason) throw new Error(reason);
      },
    },
  );
  setHandler(campaignCityStateQuery, snapshot);

  const historyLimit = input.historyLimit ?? CAMPAIGN_CITY_HISTORY_LIMIT;
  const base = { actor: input.actor, campaignId: input.campaignId, cityCode: input.cityCode };
  const syncPhase = () => {
    state.phase = phaseAt(clock, Date.now());
  };
  syncPhase();

  const continueAsNewDue = (): boolean => {
    const info = workflowInfo();
    return progress > 0 && (info.continueAsNewSuggested || info.historyLength >= historyLimit);
  };
  const continueNow = async (): Promise<never> => {
    // Update handlers are synchronous, so this is immediate; it keeps holding should one ever await.
    await condition(allHandlersFinished);
    log.info('campaign city workflow continues as new', { ...counters, campaignId: input.campaignId, cityCode: input.cityCode });
    return continueAsNew<typeof campaignCityWorkflow>({
      ...input,
      counters: { ...counters },
      recentTaskIds: recent.slice(-CAMPAIGN_CITY_RECENT_TASK_IDS),
    });
  };
  /** Waits until the instant, continuing as new first if the history grows too long meanwhile. */
  const until = async (at: number): Promise<void> => {
    if (await waitUntil(continueAsNewDue, at)) await continueNow();
    syncPhase();
  };

  while (!counters.tasksComplete) {
    const page = await activities.createSelfInspectionTasks({ ...base, cursor: counters.cursor, limit: SELF_INSPECTION_TASK_PAGE });
    counters.tasksCreated += page.created;
    counters.cursor = page.cursor;
    counters.tasksComplete = page.done;
    progress += 1;
    syncPhase();
    if (!counters.tasksComplete && continueAsNewDue()) await continueNow();
  }

  await until(clock.selfInspectionOpensAt);
  if (counters.missingAtClose === null) {
    await until(clock.selfInspectionClosesAt);
    const { missing } = await activities.escalateMissingSelfInspections(base);
    counters.missingAtClose = missing;
  }
  await until(clock.spotCheckOpensAt);
  await until(clock.spotCheckClosesAt);
  spotCheckClosed = true;
  return snapshot();
}
