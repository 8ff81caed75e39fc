import { describe, expect, it } from 'vitest';
import { applicationKinds } from '../labels';
import { type Role, roles } from '../roles';
import { applicationFlows, applicationStateLabel, applicationStateLabels } from './applications';
import { changeFlow, changeStateLabels } from './change';
import { exitFlow, exitKinds, exitStateLabels } from './exit';
import { filingFlow, filingStateLabels } from './filing';
import {
  availableActions,
  availableEvents,
  type Flow,
  flowEdges,
  isState,
  isTerminal,
  transition,
} from './flow';
import { registrationFlow, registrationStateLabels } from './registration';

/** [from, event, to, roles allowed, reason required] */
type Edge = [string, string, string, Role[], boolean];

const LEADER_COMMUNITY: Role[] = ['org_leader', 'community_staff'];

const specs: {
  name: string;
  flow: Flow;
  labels: Readonly<Record<string, string>>;
  edges: Edge[];
  terminal: string[];
}[] = [
  {
    name: 'filing',
    flow: filingFlow,
    labels: filingStateLabels,
    edges: [
      ['draft', 'submit', 'community_review', LEADER_COMMUNITY, false],
      ['draft', 'withdraw', 'withdrawn', LEADER_COMMUNITY, false],
      ['community_review', 'pass', 'street_review', ['community_staff'], false],
      ['community_review', 'return', 'returned', ['community_staff'], true],
      ['street_review', 'file', 'filed', ['street_officer'], false],
      ['street_review', 'return', 'returned', ['street_officer'], true],
      ['street_review', 'reject', 'rejected', ['street_officer'], true],
      ['returned', 'resubmit', 'community_review', LEADER_COMMUNITY, false],
      ['returned', 'withdraw', 'withdrawn', LEADER_COMMUNITY, false],
    ],
    terminal: ['filed', 'rejected', 'withdrawn'],
  },
  {
    name: 'change',
    flow: changeFlow,
    labels: changeStateLabels,
    edges: [
      ['draft', 'submit', 'community_review', LEADER_COMMUNITY, false],
      ['draft', 'withdraw', 'withdrawn', LEADER_COMMUNITY, false],
      ['community_review', 'pass', 'street_review', ['community_staff'], false],
      ['community_review', 'return', 'returned', ['community_staff'], true],
      ['street_review', 'approve', 'approved', ['street_officer'], false],
      ['street_review', 'return', 'returned', ['street_officer'], true],
      ['street_review', 'reject', 'rejected', ['street_officer'], true],
      ['returned', 'resubmit', 'community_review', LEADER_COMMUNITY, false],
      ['returned', 'withdraw', 'withdrawn', LEADER_COMMUNITY, false],
    ],
    terminal: ['approved', 'rejected', 'withdrawn'],
  },
  {
    name: 'registration',
    flow: registrationFlow,
    labels: registrationStateLabels,
    edges: [
      ['draft', 'recommend', 'district_review', ['street_officer'], false],
      ['draft', 'withdraw', 'withdrawn', ['street_officer'], false],
      ['district_review', 'register', 'registered', ['district_officer'], false],
      ['district_review', 'return', 'returned', ['district_officer'], true],
      ['district_review', 'reject', 'rejected', ['district_officer'], true],
      ['returned', 'resubmit', 'district_review', ['street_officer'], false],
      ['returned', 'withdraw', 'withdrawn', ['street_officer'], false],
    ],
    terminal: ['registered', 'rejected', 'withdrawn'],
  },
  {
    name: 'exit',
    flow: exitFlow,
    labels: exitStateLabels,
    edges: [
      ['draft', 'submit', 'street_review', ['org_leader', 'community_staff', 'street_officer'], false],
      ['draft', 'withdraw', 'withdrawn', ['org_leader', 'community_staff', 'street_officer'], false],
      ['street_review', 'approve', 'exited', ['street_officer', 'district_officer'], false],
      ['street_review', 'return', 'returned', ['street_officer', 'district_officer'], true],
      ['returned', 'resubmit', 'street_review', ['org_leader', 'community_staff', 'street_officer'], false],
      ['returned', 'withdraw', 'withdrawn', ['org_leader', 'community_staff', 'street_officer'], false],
    ],
    terminal: ['exited', 'withdrawn'],
  },
];

const allEvents = [...new Set(specs.flatMap((s) => s.edges.map((e) => e[1])))].concat([
  'toString',
  'constructor',
]);

for (const spec of specs) {
  describe(`${spec.name} flow`, () => {
    it('has exactly the specified edges', () => {
      const actual = flowEdges(spec.flow).map(({ from, event, edge }) => [
        from,
        event,
        edge.to,
        [...edge.by].sort(),
        edge.needsReason === true,
      ]);
      const expected = spec.edges.map(([f, e, t, by, r]) => [f, e, t, [...by].sort(), r]);
      expect(actual).toEqual(expected);
    });

    it('labels every state and every edge in Chinese', () => {
      expect(Object.keys(spec.labels).sort()).toEqual(Object.keys(spec.flow).sort());
      for (const label of Object.values(spec.labels)) expect(label).toMatch(/\p{Script=Han}/u);
      for (const { edge } of flowEdges(spec.flow)) expect(edge.label).toMatch(/\p{Script=Han}/u);
    });

    it('has the terminal states', () => {
      const terminal = Object.keys(spec.flow).filter((s) => isTerminal(spec.flow, s));
      expect(terminal.sort()).toEqual([...spec.terminal].sort());
    });

    it('only leads to known states', () => {
      for (const { edge } of flowEdges(spec.flow)) expect(isState(spec.flow, edge.to)).toBe(true);
    });

    for (const [from, event, to, allowed, needsReason] of spec.edges) {
      describe(`${from} -${event}-> ${to}`, () => {
        it.each(allowed)('is allowed for %s', (role) => {
          const r = transition(
            spec.flow,
            from,
            event,
            { roles: [role] },
            needsReason ? '材料不全' : undefined,
          );
          expect(r).toEqual({ to, label: expect.any(String) });
        });

        const refused = roles.filter((r) => !allowed.includes(r));
        it.each(refused)('is refused for %s', (role) => {
          const r = transition(spec.flow, from, event, { roles: [role] }, '材料不全');
          expect(r).toEqual({
            error: { code: 'role_not_allowed', message: expect.stringContaining('无权') },
          });
        });

        it('is refused for an actor without roles', () => {
          const r = transition(spec.flow, from, event, { roles: [] }, '材料不全');
          expect('error' in r && r.error.code).toBe('role_not_allowed');
        });

        it('is allowed when one of several roles is listed', () => {
          const r = transition(spec.flow, from, event, { roles: ['expert', allowed[0]] }, '理由');
          expect(r).toEqual({ to, label: expect.any(String) });
        });

        if (needsReason) {
          it.each([undefined, null, '', '   '])('needs a reason (%j)', (reason) => {
            const r = transition(spec.flow, from, event, { roles: allowed }, reason);
            expect(r).toEqual({
              error: { code: 'reason_required', message: expect.stringMatching(/^请填写.+原因$/) },
            });
          });
        } else {
          it('needs no reason', () => {
            expect(transition(spec.flow, from, event, { roles: [allowed[0]] })).toEqual({
              to,
              label: expect.any(String),
            });
          });
        }
      });
    }

    it('refuses every event not defined in a state, even for all roles', () => {
      for (const state of Object.keys(spec.flow)) {
        const defined = new Set(spec.edges.filter((e) => e[0] === state).map((e) => e[1]));
        for (const event of allEvents.filter((e) => !defined.has(e))) {
          const r = transition(spec.flow, state, event, { roles: [...roles] }, '理由');
          expect(r).toEqual({ error: { code: 'event_not_allowed', message: expect.any(String) } });
        }
      }
    });

    it('refuses unknown states', () => {
      for (const state of ['unknown', 'toString', '__proto__']) {
        const r = transition(spec.flow, state, 'submit', { roles: [...roles] }, '理由');
        expect('error' in r && r.error.code).toBe('event_not_allowed');
        expect(availableEvents(spec.flow, state, [...roles])).toEqual([]);
      }
    });

    it('lists the events each role may fire in each state', () => {
      for (const state of Object.keys(spec.flow)) {
        for (const role of roles) {
          const expected = spec.edges.filter((e) => e[0] === state && e[3].includes(role)).map((e) => e[1]);
          expect(availableEvents(spec.flow, state, [role])).toEqual(expected);
        }
      }
    });
  });
}

describe('flow helpers', () => {
  it('does not let admin act unless listed', () => {
    const r = transition(filingFlow, 'street_review', 'file', { roles: ['admin'] });
    expect('error' in r && r.error.code).toBe('role_not_allowed');
    expect(availableEvents(filingFlow, 'street_review', ['admin'])).toEqual([]);
  });

  it('describes available actions', () => {
    expect(availableActions(filingFlow, 'street_review', ['street_officer'])).toEqual([
      { event: 'file', to: 'filed', label: '备案', needsReason: false },
      { event: 'return', to: 'returned', label: '退回', needsReason: true },
      { event: 'reject', to: 'rejected', label: '不予备案', needsReason: true },
    ]);
    expect(availableEvents(filingFlow, 'filed', [...roles])).toEqual([]);
  });

  it('writes Chinese messages', () => {
    expect(transition(filingFlow, 'street_review', 'reject', { roles: ['street_officer'] })).toEqual({
      error: { code: 'reason_required', message: '请填写不予备案原因' },
    });
    expect(transition(filingFlow, 'street_review', 'file', { roles: ['community_staff'] })).toEqual({
      error: { code: 'role_not_allowed', message: '您的角色无权进行“备案”操作' },
    });
  });

  it('walks a filing from draft through a return to filed', () => {
    const leader = { roles: ['org_leader'] as Role[] };
    const community = { roles: ['community_staff'] as Role[] };
    const street = { roles: ['street_officer'] as Role[] };
    const steps: [string, { roles: Role[] }, string?][] = [
      ['submit', leader],
      ['pass', community],
      ['return', street, '章程不完整'],
      ['resubmit', leader],
      ['pass', community],
      ['file', street],
    ];
    let state: string = 'draft';
    for (const [event, actor, reason] of steps) {
      const r = transition(filingFlow, state, event, actor, reason);
      if ('error' in r) throw new Error(r.error.message);
      state = r.to;
    }
    expect(state).toBe('filed');
  });

  it('maps application kinds to flows and labels', () => {
    for (const kind of applicationKinds) {
      expect(Object.keys(applicationStateLabels[kind]).sort()).toEqual(
        Object.keys(applicationFlows[kind]).sort(),
      );
      expect(isState(applicationFlows[kind], 'draft')).toBe(true);
    }
    expect(applicationStateLabel('filing', 'community_review')).toBe('社区初审');
    expect(applicationStateLabel('exit', 'nope')).toBe('nope');
    expect(exitKinds).toEqual({ dissolution: '自行解散', cancellation: '撤销/清理' });
  });
});
