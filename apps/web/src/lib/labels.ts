/**
 * Chinese labels for codes. The vocabularies live in @linli/core (deep imports keep zod and
 * the request schemas out of the bundle); the server's own labels win when it sends them.
 */
import {
  applicationKindLabels,
  areaTypeLabels as coreAreaTypeLabels,
  partyStatusLabels as corePartyStatusLabels,
  tierLabels as coreTierLabels,
  orgStatusLabels,
} from '@linli/core/labels';
import { roleLabels } from '@linli/core/roles';
import { applicationStateLabels } from '@linli/core/workflows/applications';
import { exitKinds } from '@linli/core/workflows/exit';

type Labels = Readonly<Record<string, string>>;

export { roleLabels };
export const tierLabels: Labels = coreTierLabels;
export const statusLabels: Labels = orgStatusLabels;
export const partyStatusLabels: Labels = corePartyStatusLabels;
export const kindLabels: Labels = applicationKindLabels;
export const areaTypeLabels: Labels = coreAreaTypeLabels;
export const exitKindLabels: Labels = exitKinds;
/** Every application state of every kind (for filters and step labels). */
export const appStateLabels: Labels = Object.assign({}, ...Object.values(applicationStateLabels).reverse());
export const appStateLabelsByKind: Readonly<Record<string, Labels>> = applicationStateLabels;

export const levelLabels: Record<number, string> = {
  1: '省',
  2: '市',
  3: '区县',
  4: '街道/乡镇',
  5: '社区/村',
};

export const roleLabel = (role: string): string => (roleLabels as Labels)[role] ?? role;

/** 备案申请 → 备案 (for tags and compact places). */
export const shortKind = (label: string) => label.replace(/申请$/, '');

/** Label from the server when present, else from the table, else the code. */
export const labelOf = (table: Labels, code: string | null | undefined, serverLabel?: string | null) =>
  serverLabel || (code ? (table[code] ?? code) : '—');
