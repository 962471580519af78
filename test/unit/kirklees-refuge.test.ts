import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { route } from '../../functions/core/routing.js';
import { areaContacts, namesCheckAgency } from '../../functions/core/rules/kirklees-refuge.js';
import { facts } from './routing-fixtures.js';

const connect = getAssociation('connect-housing');
const area = (id: string) => {
  const found = connect.areas.find((a) => a.id === id);
  if (!found) throw new Error(`no area ${id}`);
  return found;
};
const kirklees = area('kirklees');
const leeds = area('leeds');
const duties = (area: string) => route(facts({ area }), connect).map((a) => a.duty);

describe('002 §6: the Kirklees rule (names to NKWR, who check with MARAC)', () => {
  it("002 §6: a Kirklees customer's names go to North Kirklees Women's Refuge", () => {
    // Act
    const agency = namesCheckAgency({ area: 'kirklees' }, connect);
    // Assess
    expect(agency?.name).toBe("North Kirklees Women's Refuge (NKWR)");
    expect(duties('kirklees')).toContain('refuge-names-check');
  });
  it('002 §6: a Leeds customer is not sent to NKWR', () => {
    // Act
    const agency = namesCheckAgency({ area: 'leeds' }, connect);
    // Assess
    expect(agency).toBeUndefined();
    expect(duties('leeds')).not.toContain('refuge-names-check');
  });
  it('002 §6: no area, or one the association does not work in, sends no names', () => {
    // Act
    const agencies = [namesCheckAgency({}, connect), namesCheckAgency({ area: 'nowhere' }, connect)];
    // Assess
    expect(agencies).toEqual([undefined, undefined]);
  });
  it("002 §6: NKWR is among Kirklees' contacts; Leeds keeps its own services only", () => {
    // Act
    const contacts = [areaContacts(kirklees), areaContacts(leeds)];
    // Assess
    expect(contacts[0]).toEqual([...kirklees.services, kirklees.namesCheck]);
    expect(contacts[1]).toEqual(leeds.services);
  });
  it('002 §6: the names check is its own required action, naming NKWR and how to reach it, all from config', () => {
    // Act
    const action = route(facts({ area: 'kirklees' }), connect).find((a) => a.duty === 'refuge-names-check');
    // Assess
    expect(action?.agency).toEqual(kirklees.namesCheck);
    expect(action?.why).toBe(
      "Give this case's names to North Kirklees Women's Refuge (NKWR) (0192 446 5238, Mon – Fri 9am to 5pm), who check them with MARAC and support with safeguarding: the area's policy for every case (002 §6).",
    );
    expect(action?.owner).toBe(connect.duties['refuge-names-check']?.owner);
  });
  it('002 §6: no other action carries an agency, and no association without a names-check area has the action', () => {
    // Prepare
    const others = ['housing-21', 'sada-herts', 'wrekin', 'one-manchester'].map(getAssociation);
    // Act
    const withAgency = route(facts({ area: 'kirklees', risk: 'high', children: true }), connect).filter(
      (a) => a.agency,
    );
    const elsewhere = others.flatMap((c) => route(facts({ area: c.areas[0]?.id }), c).map((a) => a.duty));
    // Assess
    expect(withAgency.map((a) => a.duty)).toEqual(['refuge-names-check']);
    expect(elsewhere).not.toContain('refuge-names-check');
  });
});
