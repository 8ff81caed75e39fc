import type { Role } from '../roles';

/**
 * Workflows as explicit state tables: `state → event → edge`. A state with no events is
 * terminal. `transition()` is the one entry point; the server persists only what it allows.
 * admin is never implicitly allowed: it may fire an event only when listed in `by`.
 */

export interface FlowEdge {
  readonly to: string;
  /** Roles that may fire the event. */
  readonly by: readonly Role[];
  /** The actor must give a reason (退回, 不予备案, …). */
  readonly needsReason?: boolean;
  /** Chinese label of the action, e.g. '提交', '通过', '退回'. */
  readonly label: string;
}

export type Flow = { readonly [state: string]: { readonly [event: string]: FlowEdge } };

export type StateOf<F extends Flow> = keyof F & string;
export type EventOf<F extends Flow> = { [S in keyof F]: keyof F[S] }[keyof F] & string;

export type FlowErrorCode = 'event_not_allowed' | 'role_not_allowed' | 'reason_required';

export interface FlowError {
  code: FlowErrorCode;
  message: string;
}

export type TransitionResult<F extends Flow> = { to: StateOf<F>; label: string } | { error: FlowError };

export interface FlowActor {
  readonly roles: readonly Role[];
}

/** Available action in a state, for showing buttons. */
export interface FlowAction {
  event: string;
  to: string;
  label: string;
  needsReason: boolean;
}

function edgeOf(flow: Flow, state: string, event: string): FlowEdge | undefined {
  if (!Object.hasOwn(flow, state)) return undefined;
  const events = flow[state];
  return Object.hasOwn(events, event) ? events[event] : undefined;
}

/**
 * Decides one step. Checks, in order: the event exists in this state, one of the actor's
 * roles is listed, a non-blank reason is given when required.
 */
export function transition<F extends Flow>(
  flow: F,
  from: string,
  event: string,
  actor: FlowActor,
  reason?: string | null,
): TransitionResult<F> {
  const edge = edgeOf(flow, from, event);
  if (!edge) {
    return {
      error: { code: 'event_not_allowed', message: '当前状态下不能进行此操作，请刷新后查看最新状态' },
    };
  }
  if (!actor.roles.some((r) => edge.by.includes(r))) {
    return { error: { code: 'role_not_allowed', message: `您的角色无权进行“${edge.label}”操作` } };
  }
  if (edge.needsReason && !reason?.trim()) {
    return { error: { code: 'reason_required', message: `请填写${edge.label}原因` } };
  }
  return { to: edge.to as StateOf<F>, label: edge.label };
}

/** Actions the roles may take in `state` (in table order). */
export function availableActions(flow: Flow, state: string, heldRoles: readonly Role[]): FlowAction[] {
  if (!Object.hasOwn(flow, state)) return [];
  return Object.entries(flow[state])
    .filter(([, e]) => heldRoles.some((r) => e.by.includes(r)))
    .map(([event, e]) => ({ event, to: e.to, label: e.label, needsReason: e.needsReason === true }));
}

/** Event names the roles may fire in `state`. */
export function availableEvents(flow: Flow, state: string, heldRoles: readonly Role[]): string[] {
  return availableActions(flow, state, heldRoles).map((a) => a.event);
}

export function isState<F extends Flow>(flow: F, s: string): s is StateOf<F> {
  return Object.hasOwn(flow, s);
}

/** A state with no outgoing events. */
export function isTerminal(flow: Flow, state: string): boolean {
  return isState(flow, state) && Object.keys(flow[state]).length === 0;
}

/** Every edge of the table as a flat list (for tests, docs and diagrams). */
export function flowEdges(flow: Flow): { from: string; event: string; edge: FlowEdge }[] {
  return Object.entries(flow).flatMap(([from, events]) =>
    Object.entries(events).map(([event, edge]) => ({ from, event, edge })),
  );
}
