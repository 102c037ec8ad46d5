/**
 * The faults a user can meet while watching, turned into one sentence that says what to do next.
 * `WatchFault` ends the watch with exit code 2; the other classifications describe a gap.
 */

/** A fault that stops `watch` before it can sample: printed as one line, exit code 2. */
export class WatchFault extends Error {
  override name = 'WatchFault';
}

/** The URL as it may be printed: the password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

interface ErrorWithCode extends Error {
  code?: string;
  hostname?: string;
}

/** Why a connection attempt or a command failed, in a few words (`connection refused`). */
export function connectionProblem(error: unknown): string {
  const { code, message, hostname } = error as ErrorWithCode;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return hostname ? `host ${hostname} not found` : 'host not found';
  if (code === 'ETIMEDOUT' || /connect ETIMEDOUT/.test(message)) return 'no answer before the connect timeout';
  if (code === 'ECONNRESET' || /Connection is closed|Stream isn't writeable/.test(message)) return 'connection lost';
  return message.split('\n')[0];
}

/** The ACL user a URL logs in as; Redis calls the implicit one `default`. */
export function aclUser(url: string): string {
  try {
    return decodeURIComponent(new URL(url).username) || 'default';
  } catch {
    return 'default';
  }
}

/** Turns the error that ended a first connection attempt into the fault the user sees. */
export function connectFault(error: unknown, url: string): WatchFault {
  const shown = redactUrl(url);
  const message = error instanceof Error ? error.message : String(error);
  if (/^WRONGPASS/.test(message) || /invalid (username-)?password/i.test(message)) {
    return new WatchFault(
      `Redis at ${shown} refused the user name or password: check the credentials in --url (redis://USER:PASSWORD@host:port).`,
    );
  }
  if (/^NOAUTH/.test(message)) {
    return new WatchFault(
      `Redis at ${shown} requires a password: put it in --url, as redis://:PASSWORD@host:port or redis://USER:PASSWORD@host:port.`,
    );
  }
  if (/^NOPERM/.test(message)) return permissionFault(url, 'INFO', '+info');
  return new WatchFault(
    `cannot reach Redis at ${shown} (${connectionProblem(error)}): start the server or point --url (or REDIS_URL) at it.`,
  );
}

/** A command the watch cannot do without, refused by the server's ACL. */
export function permissionFault(url: string, command: string, grant: string): WatchFault {
  const user = aclUser(url);
  return new WatchFault(
    `user "${user}" may not run ${command} on ${redactUrl(url)}: grant it with ACL SETUSER ${user} ${grant}, or use another user in --url.`,
  );
}

export function isPermissionError(error: unknown): boolean {
  return error instanceof Error && /^NOPERM/.test(error.message);
}

/** Said once when the ACL hides CLIENT LIST: the watch goes on with the counters alone. */
export function clientListDeniedNote(url: string): string {
  const user = aclUser(url);
  return (
    `user "${user}" may not run CLIENT LIST, so watch goes on without the groups by library, name and address; ` +
    `grant it with ACL SETUSER ${user} +client|list to see them.`
  );
}
