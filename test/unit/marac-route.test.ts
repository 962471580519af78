import { describe, expect, it } from 'vitest';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { maracRouteFor } from '../../functions/core/rules/marac-route.js';

const marac = [{ duty: 'marac-referral' as const }];

describe('002 §6, 004 §7.4.4: the MARAC route of the case’s area (maracRouteFor)', () => {
  it('004 §7.4.4: a case that needs no MARAC referral has no route', () => {
    // Act
    const route = maracRouteFor({ area: undefined }, [{ duty: 'initial-contact' }], getAssociation('wrekin'));
    // Assess
    expect(route).toBeNull();
  });

  it('002 §6: with no area recorded the route says to record it first and names the areas, never a guess', () => {
    // Prepare
    const config = getAssociation('connect-housing');
    // Act
    const route = maracRouteFor({ area: undefined }, marac, config);
    // Assess
    expect(route).toMatchObject({ area: null, contacts: [] });
    for (const a of config.areas) expect(route?.words).toContain(a.name);
  });

  it("004 §7.4.4: for every association and area, the route is that area's own, from config", () => {
    for (const id of ASSOCIATION_IDS) {
      const config = getAssociation(id);
      for (const area of config.areas) {
        // Act
        const route = maracRouteFor({ area: area.id }, marac, config);
        // Assess
        expect(route?.area, `${id}/${area.id}`).toEqual({ id: area.id, name: area.name });
      }
    }
  });
});
