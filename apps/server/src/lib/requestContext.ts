import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request values that deep code (audit) needs without threading them through every call. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();
