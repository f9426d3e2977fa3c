/** Options every resource function accepts as its last argument. */
export type CallOptions = {
  /** Abort the call (e.g. the browser went away): pass a route handler's `request.signal`. */
  signal?: AbortSignal;
};
