/**
 * Wraps an ESLint rule so the time spent in its own code is measured: `create()` and every
 * listener it returns are timed with process.hrtime.bigint(). The same wrapper serves every rule
 * compared, so its own overhead is shared evenly.
 */
export function timeRule(rule) {
  const clock = { nanoseconds: 0n, creates: 0, listenerCalls: 0 };
  const timed = {
    ...rule,
    create(context) {
      const started = process.hrtime.bigint();
      const listeners = rule.create(context);
      const wrapped = {};
      for (const [selector, listener] of Object.entries(listeners)) {
        wrapped[selector] = typeof listener !== 'function' ? listener : function timedListener(...args) {
          const start = process.hrtime.bigint();
          try {
            return listener.apply(this, args);
          } finally {
            clock.nanoseconds += process.hrtime.bigint() - start;
            clock.listenerCalls++;
          }
        };
      }
      clock.creates++;
      clock.nanoseconds += process.hrtime.bigint() - started;
      return wrapped;
    },
  };
  return { rule: timed, clock };
}
