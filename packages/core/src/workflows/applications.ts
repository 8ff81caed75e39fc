import type { ApplicationKind } from '../labels';
import { changeFlow, changeStateLabels } from './change';
import { exitFlow, exitStateLabels } from './exit';
import { filingFlow, filingStateLabels } from './filing';
import type { Flow } from './flow';
import { registrationFlow, registrationStateLabels } from './registration';

/** The workflow table of each application kind. */
export const applicationFlows: Readonly<Record<ApplicationKind, Flow>> = {
  filing: filingFlow,
  change: changeFlow,
  registration: registrationFlow,
  exit: exitFlow,
};

/** Chinese state labels of each application kind. */
export const applicationStateLabels: Readonly<Record<ApplicationKind, Readonly<Record<string, string>>>> = {
  filing: filingStateLabels,
  change: changeStateLabels,
  registration: registrationStateLabels,
  exit: exitStateLabels,
};

/** The state a new application starts in. */
export const initialApplicationState = 'draft';

/** Chinese label of an application's state; the raw state when unknown. */
export function applicationStateLabel(kind: ApplicationKind, state: string): string {
  const labels = applicationStateLabels[kind];
  return Object.hasOwn(labels, state) ? labels[state] : state;
}
