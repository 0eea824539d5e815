import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { AppModule } from '../app.module.js';
import type { AppConfig } from '../platform/config/config.js';
import { Commands } from '../platform/cqrs/commands.js';
import { JsonLogger } from '../platform/logging/logger.js';
import { createActivities } from './activities.js';
import { createAuditCheckpointActivities } from './audit-checkpoint.activities.js';

export interface RunningWorker {
  worker: Worker;
  context: INestApplicationContext;
  connection: NativeConnection;
}

export function workflowsPath(): string {
  return fileURLToPath(import.meta.resolve('@fundsup/workflows/workflows'));
}

/** The Temporal worker: workflow code from @fundsup/workflows, activities backed by the backend's commands. */
export async function createWorker(config: AppConfig): Promise<RunningWorker> {
  const context = await NestFactory.createApplicationContext(AppModule.register({ config, http: false }), {
    logger: new JsonLogger(config.logLevel),
  });
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.temporalTaskQueue,
    workflowsPath: workflowsPath(),
    activities: { ...createActivities(context.get(Commands)), ...createAuditCheckpointActivities(config) },
  });
  return { worker, context, connection };
}
