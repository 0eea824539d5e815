import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { workflowBundleState } from '@fundsup/workflows/bundle';
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

type WorkflowCode = Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'>;

/**
 * The workflow code the worker runs (issue 19): the bundle built at build time
 * (workflows/scripts/build-bundle.ts), when it was built from the sources beside it; otherwise the
 * workflows bundled now (seconds of webpack at every start), said in the log — a checkout not built
 * since its workflows changed still runs the code it holds, never an older bundle.
 */
export function workflowCode(log: (entry: Record<string, unknown>) => void): WorkflowCode {
  const state = workflowBundleState();
  switch (state.kind) {
    case 'current':
    case 'unchecked':
      return { workflowBundle: { codePath: state.codePath } };
    case 'missing':
      log({ level: 40, msg: 'no prebuilt workflow bundle: bundling the workflows at start (slow); run the build (npx nx run workflows:build)', bundle: state.bundle });
      return { workflowsPath: workflowsPath() };
    case 'stale':
      log({ level: 40, msg: 'the prebuilt workflow bundle is older than the workflow sources: bundling the workflows at start (slow); run the build (npx nx run workflows:build)', bundle: state.bundle, builtFrom: state.builtFrom, sources: state.sources });
      return { workflowsPath: workflowsPath() };
  }
}

function logLine(entry: Record<string, unknown>): void {
  console.log(JSON.stringify({ service: 'worker', ...entry }));
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
    ...workflowCode(logLine),
    activities: { ...createActivities(context.get(Commands)), ...createAuditCheckpointActivities(config) },
  });
  return { worker, context, connection };
}
