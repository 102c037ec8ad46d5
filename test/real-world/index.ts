import { frameworkCases } from './frameworks.js';
import { nestAndQueueCases } from './nest-and-queues.js';
import { neverReportedCases } from './never-reported.js';
import { nextCases } from './next.js';
import { serverCases } from './servers.js';
import { serverlessCases } from './serverless.js';
import { singletonCases } from './singletons.js';
import { testAndScriptCases } from './tests-and-scripts.js';
import type { RealWorldCase } from './types.js';

export type { ExpectedReport, RealWorldCase } from './types.js';

export const realWorldGroups: Readonly<Record<string, readonly RealWorldCase[]>> = {
  'Next.js': nextCases,
  serverless: serverlessCases,
  servers: serverCases,
  frameworks: frameworkCases,
  singletons: singletonCases,
  'NestJS and queues': nestAndQueueCases,
  'tests and scripts': testAndScriptCases,
  'never reported': neverReportedCases,
};
