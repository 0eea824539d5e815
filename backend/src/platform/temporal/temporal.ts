import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { WorkflowAction } from '../outbox/workflow-action.js';

const UPDATE_DEADLINE_MS = 30_000;

/** One lazily opened connection to Temporal per process. */
@Injectable()
export class Temporal implements OnApplicationShutdown {
  private readonly log = new Logger('Temporal');
  private connecting: Promise<Client> | null = null;
  private connection: Connection | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  client(): Promise<Client> {
    this.connecting ??= (async () => {
      const connection = await Connection.connect({ address: this.config.temporalAddress, connectTimeout: '5s' });
      this.connection = connection;
      return new Client({ connection, namespace: this.config.temporalNamespace });
    })().catch((err) => {
      this.connecting = null;
      throw err;
    });
    return this.connecting;
  }

  async healthy(): Promise<boolean> {
    try {
      const client = await this.client();
      await client.workflowService.getSystemInfo({});
      return true;
    } catch (err) {
      this.log.warn(`temporal unhealthy: ${String(err)}`);
      return false;
    }
  }

  /**
   * Idempotent by construction: see WorkflowAction. Returns a note when the message was settled
   * without effect (workflow already closed, update refused by the workflow's validator): retrying
   * cannot change that, so the relay records the note instead of retrying forever.
   */
  async dispatch(action: WorkflowAction, messageId: string): Promise<string | null> {
    const client = await this.client();
    switch (action.kind) {
      case 'start':
        try {
          await client.workflow.start(action.workflowType, {
            taskQueue: this.config.temporalTaskQueue,
            workflowId: action.workflowId,
            args: action.args,
            workflowIdConflictPolicy: 'USE_EXISTING',
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
          });
        } catch (err) {
          // Already ran to completion under this business key: the start has happened.
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        }
        return null;
      case 'signal':
        return this.unlessClosed(action.workflowId, () =>
          client.workflow.getHandle(action.workflowId).signal(action.signal, ...action.args),
        );
      case 'update':
        try {
          // An update waits for a worker to run it; with none polling it would hold the relay's
          // transaction open indefinitely. Past the deadline the relay retries with the same id.
          return await this.unlessClosed(action.workflowId, () =>
            client.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
              client.workflow
                .getHandle(action.workflowId)
                .executeUpdate(action.update, { args: action.args as [unknown], updateId: messageId }),
            ),
          );
        } catch (err) {
          if (!(err instanceof WorkflowUpdateFailedError)) throw err;
          this.log.error(`update ${action.update} on ${action.workflowId} refused: ${err.cause?.message ?? err.message}`);
          return `refused by the workflow: ${err.cause?.message ?? err.message}`;
        }
    }
  }

  /**
   * A message for a workflow that has already closed has nothing left to act on: it counts as
   * delivered (a retried relay would otherwise retry forever). A workflow that does not exist yet
   * (its start is still on the way) is an error, so the relay retries.
   */
  private async unlessClosed(workflowId: string, send: () => Promise<unknown>): Promise<string | null> {
    try {
      await send();
      return null;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      const client = await this.client();
      const description = await client.workflow.getHandle(workflowId).describe();
      if (description.status.name === 'RUNNING') throw err;
      this.log.warn(`workflow ${workflowId} is ${description.status.name}; message dropped as delivered`);
      return `workflow already ${description.status.name}`;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}
