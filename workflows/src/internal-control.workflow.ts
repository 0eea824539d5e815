import { condition, log, ParentClosePolicy, proxyActivities, setHandler, startChild, WorkflowIdReusePolicy, type ChildWorkflowHandle } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  icAuditStateQuery,
  icAuditTransitionUpdate,
  icAuditWorkflowId,
  type IcAuditActivities,
  type IcAuditStatus,
  type IcAuditTransition,
  type IcAuditWorkflowInput,
  type IcAuditWorkflowState,
  type IcPlanWorkflowInput,
} from './contracts/internal-control.js';
import { instantOf, waitUntil, sleepUntil, isInstant } from './time.js';

// As for annual plans: the activities run the backend's commands, which are idempotent (keyed by
// audit, finding and step), so retrying them is always safe. No attempt limit: each step must
// eventually happen; while one is being retried, transitions keep being applied. A step delayed
// past the next instant simply makes that instant fire at once afterwards.
const activities = proxyActivities<IcAuditActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

type Finding = IcAuditWorkflowState['findings'][number];
type FindingStatus = Finding['status'];
type Action = IcAuditTransition['action'];

/** Audit statuses in which each transition may arrive (the finding's own status is checked too). */
const IC_TRANSITIONS: Record<Action, readonly IcAuditStatus[]> = {
  self_assessment_submitted: ['self_assessment'],
  findings_issued: ['fieldwork'],
  // A finding's rectification and verification are per finding: the team may verify a finding
  // already submitted while others are still open, so both are accepted in either status.
  rectification_submitted: ['rectification', 'verification'],
  finding_verified: ['rectification', 'verification'],
};

/** Finding statuses from which each per-finding transition may be applied. */
const FINDING_TRANSITIONS: Record<'rectification_submitted' | 'finding_verified', readonly FindingStatus[]> = {
  rectification_submitted: ['open', 'rejected'],
  finding_verified: ['rectification_submitted'],
};

/** Findings still waiting for a rectification: their deadline runs. */
const AWAITING_RECTIFICATION: readonly FindingStatus[] = ['open', 'rejected'];

/**
 * Why the transition is refused, or null when it is allowed. Pure (state and transition only): the
 * update validator uses it, and validators run only when an update arrives, never on replay.
 */
function refusal(t: IcAuditTransition, status: IcAuditStatus, findings: ReadonlyMap<string, Finding>): string | null {
  const action = (t as { action?: unknown } | null)?.action;
  if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(IC_TRANSITIONS, action)) {
    return `ic transition refused: unknown action '${String(action)}' (status '${status}')`;
  }
  if (!IC_TRANSITIONS[action as Action].includes(status)) {
    return `ic transition refused: cannot '${action}' in status '${status}'`;
  }
  switch (t.action) {
    case 'self_assessment_submitted':
      return null;
    case 'findings_issued': {
      if (!Array.isArray(t.findings)) return `ic transition refused: cannot 'findings_issued': findings must be a list`;
      const ids = new Set<string>();
      for (const f of t.findings) {
        if (typeof f?.findingId !== 'string' || f.findingId === '') {
          return `ic transition refused: cannot 'findings_issued': a finding has no findingId`;
        }
        if (ids.has(f.findingId)) return `ic transition refused: cannot 'findings_issued': finding '${f.findingId}' is listed twice`;
        ids.add(f.findingId);
        if (!isInstant(f.rectificationDueAt)) {
          return `ic transition refused: cannot 'findings_issued': finding '${f.findingId}' has no valid rectificationDueAt (${JSON.stringify(f.rectificationDueAt)})`;
        }
      }
      return null;
    }
    case 'rectification_submitted':
    case 'finding_verified': {
      const finding = findings.get(t.findingId);
      if (!finding) return `ic transition refused: cannot '${t.action}': unknown finding '${String(t.findingId)}' (status '${status}')`;
      if (!FINDING_TRANSITIONS[t.action].includes(finding.status)) {
        return `ic transition refused: cannot '${t.action}' finding '${finding.findingId}' in finding status '${finding.status}'`;
      }
      if (t.action === 'finding_verified') {
        if (typeof t.accepted !== 'boolean') {
          return `ic transition refused: cannot 'finding_verified' finding '${finding.findingId}': accepted must be true or false`;
        }
        if (!t.accepted && !isInstant(t.newRectificationDueAt)) {
          return `ic transition refused: cannot reject finding '${finding.findingId}' without a valid newRectificationDueAt (${JSON.stringify(t.newRectificationDueAt)})`;
        }
      }
      return null;
    }
  }
}

/**
 * One internal control audit of one handling agency (seed 003 五(三)): mirrors the status committed
 * by the backend (validating each transition) and owns its clock: the notice, the self-assessment
 * deadline, the fieldwork start and each finding's rectification deadline.
 *
 * Clock-driven status changes (→ self_assessment, → fieldwork) are applied when the timer fires,
 * before the step's activity is scheduled: the backend moves its own status inside that activity,
 * so any transition it relays afterwards finds the workflow already in the new status, even while
 * the activity is being retried after having committed.
 *
 * History stays bounded whatever the number of findings: one loop waits on the earliest pending
 * rectification deadline (one timer at a time, restarted only when that earliest instant changes),
 * plus one accepted update per committed transition and one activity per deadline missed.
 */
export async function icAuditWorkflow(input: IcAuditWorkflowInput): Promise<IcAuditWorkflowState> {
  const state: IcAuditWorkflowState = { status: 'scheduled', selfAssessmentOverdue: false, findings: [] };
  const findings = new Map<string, Finding>(); // the same objects as state.findings, by id
  /** Per finding: its current rectification deadline, and the deadline already escalated (once per due date). */
  const dueAt = new Map<string, number>();
  const escalatedFor = new Map<string, number>();
  let selfAssessmentSubmitted = false;

  const snapshot = (): IcAuditWorkflowState => ({ ...state, findings: state.findings.map((f) => ({ ...f })) });

  /** The audit status implied by its findings once they have been issued. */
  const statusFromFindings = (): IcAuditStatus => {
    if (state.findings.every((f) => f.status === 'verified')) return 'closed';
    if (state.findings.every((f) => f.status === 'verified' || f.status === 'rectification_submitted')) return 'verification';
    return 'rectification';
  };

  // Handlers are set before the first await so that updates delivered with the start are applied.
  setHandler(
    icAuditTransitionUpdate,
    // Synchronous, so nothing can run between the validator's check and the change; deterministic,
    // so replay rebuilds the same state. Relay retries carry the same update id: Temporal returns
    // the first outcome without running this again.
    (t) => {
      switch (t.action) {
        case 'self_assessment_submitted':
          // The status stays 'self_assessment' until fieldwork starts; a repeated submission is a no-op.
          selfAssessmentSubmitted = true;
          break;
        case 'findings_issued':
          for (const { findingId, rectificationDueAt } of t.findings) {
            const finding: Finding = { findingId, status: 'open', overdue: false };
            state.findings.push(finding);
            findings.set(findingId, finding);
            dueAt.set(findingId, Date.parse(rectificationDueAt));
          }
          state.status = t.findings.length === 0 ? 'closed' : 'rectification';
          break;
        case 'rectification_submitted':
          findings.get(t.findingId)!.status = 'rectification_submitted';
          state.status = statusFromFindings();
          break;
        case 'finding_verified': {
          const finding = findings.get(t.findingId)!;
          if (t.accepted) {
            finding.status = 'verified';
          } else {
            finding.status = 'rejected';
            // A new deadline: escalated again if it passes without a rectification. `overdue`
            // records lateness and stays set.
            dueAt.set(t.findingId, Date.parse(t.newRectificationDueAt!));
          }
          state.status = statusFromFindings();
          break;
        }
      }
      return snapshot();
    },
    {
      validator: (t) => {
        const reason = refusal(t, state.status, findings);
        if (reason) throw new Error(reason);
      },
    },
  );
  setHandler(icAuditStateQuery, snapshot);

  const noticeAt = instantOf(input.noticeAt, 'noticeAt', 'ic audit input', 'InvalidIcAuditInput');
  const selfAssessmentDueAt = instantOf(input.selfAssessmentDueAt, 'selfAssessmentDueAt', 'ic audit input', 'InvalidIcAuditInput');
  const fieldworkStartAt = instantOf(input.fieldworkStartAt, 'fieldworkStartAt', 'ic audit input', 'InvalidIcAuditInput');
  const step = { actor: input.actor, auditId: input.auditId };

  await sleepUntil(noticeAt);
  state.status = 'self_assessment';
  await activities.sendAuditNotice(step);

  // The self-assessment phase ends at fieldwork start at the latest (fieldwork is never held back
  // by a later self-assessment deadline); overdue only when its own deadline has passed.
  const submitted = () => selfAssessmentSubmitted;
  if (!(await waitUntil(submitted, Math.min(selfAssessmentDueAt, fieldworkStartAt))) && Date.now() >= selfAssessmentDueAt) {
    await activities.markSelfAssessmentOverdue(step);
    // Records lateness: stays set when the self-assessment is submitted later.
    state.selfAssessmentOverdue = true;
  }

  await sleepUntil(fieldworkStartAt);
  state.status = 'fieldwork';
  await activities.startFieldwork(step);

  await condition(() => state.status !== 'fieldwork');
  // Read through a function: the compiler would keep the status narrowed to 'fieldwork'.
  const closed = (): boolean => state.status === 'closed';

  // Rectification deadlines. Escalations run concurrently with the loop (one slow escalation does
  // not hold back the others) and are awaited before the workflow completes.
  const escalations: Promise<void>[] = [];
  const pendingDue = (f: Finding): number | undefined => {
    const due = dueAt.get(f.findingId)!;
    return AWAITING_RECTIFICATION.includes(f.status) && escalatedFor.get(f.findingId) !== due ? due : undefined;
  };
  const nextDue = (): number | undefined => {
    let next: number | undefined;
    for (const f of state.findings) {
      const due = pendingDue(f);
      if (due !== undefined && (next === undefined || due < next)) next = due;
    }
    return next;
  };

  while (!closed()) {
    const next = nextDue();
    if (next === undefined || next > Date.now()) {
      // Wakes when the audit closes, when the earliest pending deadline changes (a finding
      // rectified, or rejected with a new deadline), or when that deadline is reached.
      const changed = () => closed() || nextDue() !== next;
      if (next === undefined) await condition(changed);
      else await waitUntil(changed, next);
      continue;
    }
    const now = Date.now();
    for (const f of state.findings) {
      const due = pendingDue(f);
      if (due === undefined || due > now) continue;
      escalatedFor.set(f.findingId, due);
      escalations.push(
        activities.markRectificationOverdue({ ...step, findingId: f.findingId }).then(() => {
          f.overdue = true;
        }),
      );
    }
  }
  await Promise.all(escalations);
  return snapshot();
}

/**
 * How many children are started at once. Every audit child must run concurrently (each has its
 * own notice date and lasts for months until it closes), so the window bounds the starts in
 * flight, not the running children: a province has ~120 agencies, and starting them all in one
 * workflow task would put 120 start commands (each carrying its input) in one task completion and
 * 120 initiations in one burst of history, whereas windows of 50 keep each task small and let the
 * server confirm each batch before the next. A window over running children would instead delay
 * the 51st audit's notice until an earlier audit closed, months late.
 */
export const IC_PLAN_START_WINDOW = 50;

/**
 * One published audit plan (one province, one year): starts one child audit workflow per audit
 * and returns how many of them closed. The children are abandoned when the plan workflow closes
 * (terminated or reset): the audits outlive it.
 */
export async function icPlanWorkflow(input: IcPlanWorkflowInput): Promise<number> {
  const children: ChildWorkflowHandle<typeof icAuditWorkflow>[] = [];
  for (let i = 0; i < input.audits.length; i += IC_PLAN_START_WINDOW) {
    const window = input.audits.slice(i, i + IC_PLAN_START_WINDOW);
    const started = await Promise.allSettled(
      window.map((audit) =>
        startChild(icAuditWorkflow, {
          workflowId: icAuditWorkflowId(audit.auditId),
          args: [audit],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          // An audit's notice is never sent twice, even if the plan workflow were run again.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        }),
      ),
    );
    for (const [j, s] of started.entries()) {
      if (s.status === 'fulfilled') children.push(s.value);
      else if (s.reason instanceof WorkflowExecutionAlreadyStartedError) {
        // Already started (by an earlier run of this plan workflow): it runs on its own.
        log.warn('ic audit workflow already started, not awaited', { auditId: window[j].auditId });
      } else throw s.reason;
    }
  }
  const results = await Promise.allSettled(children.map((c) => c.result()));
  let closed = 0;
  for (const [i, r] of results.entries()) {
    if (r.status === 'fulfilled' && r.value.status === 'closed') closed += 1;
    else if (r.status === 'rejected') log.warn('ic audit workflow did not complete', { workflowId: children[i].workflowId, error: String(r.reason) });
  }
  return closed;
}
