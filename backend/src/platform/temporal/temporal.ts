import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { WorkflowAction } from '../outbox/workflow-action.js';

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

  /** Idempotent by construction: see WorkflowAction. */
  async dispatch(action: WorkflowAction, messageId: string): Promise<void> {
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
        return;
      case 'signal':
        await this.unlessClosed(action.workflowId, () =>
          client.workflow.getHandle(action.workflowId).signal(action.signal, ...action.args),
        );
        return;
      case 'update':
        await this.unlessClosed(action.workflowId, () =>
          client.workflow
            .getHandle(action.workflowId)
            .executeUpdate(action.update, { args: action.args as [unknown], updateId: messageId }),
        );
        return;
    }
  }

  /**
   * A message for a workflow that has already closed has nothing left to act on: it counts as
   * delivered (a retried relay would otherwise retry forever). A workflow that does not exist yet
   * (its start is still on the way) is an error, so the relay retries.
   */
  private async unlessClosed(workflowId: string, send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      const client = await this.client();
      const description = await client.workflow.getHandle(workflowId).describe();
      if (description.status.name === 'RUNNING') throw err;
      this.log.warn(`workflow ${workflowId} is ${description.status.name}; message dropped as delivered`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}
