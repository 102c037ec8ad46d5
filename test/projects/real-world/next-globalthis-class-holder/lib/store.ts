import { JobStore } from './job-store';

const globalForStore = globalThis as unknown as { jobStore?: JobStore };

export const jobStore = (globalForStore.jobStore ??= new JobStore());
