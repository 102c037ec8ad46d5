import { SessionCache } from './session-cache';

export const sessions = new SessionCache();
