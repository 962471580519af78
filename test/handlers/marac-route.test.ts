/**
 * 002 §6, 004 §7.4.4: a high-risk case is referred to the MARAC of the victim's area, whose route
 * differs by area. The case view carries that route, from the association's config, on every case
 * that needs a referral, for each association and each of its areas.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { createHandler } from '../../functions/cases/handler.js';
import { apiEvent, call, dashAnswers, type Harness, MANAGER, startHarness } from './harness.js';

const harnesses: Harness[] = [];
afterAll(async () => {
  for (const h of harnesses) await h.stop();
});

async function forAssociation(id: string) {
  const h = await startHarness(id);
  harnesses.push(h);
  const handler = createHandler(h.deps);
  const read = async (caseId: string) =>
    (await call(handler, apiEvent('GET', `/api/cases/${caseId}`, { claims: MANAGER }))).body;
  const scoreHigh = (caseId: string) =>
    call(
      handler,
      apiEvent('POST', `/api/cases/${caseId}/dash`, {
        body: dashAnswers(3, 'strangulation'),
        claims: MANAGER,
        headers: { 'if-match': '"1"' },
      }),
    );
  return { h, read, scoreHigh };
}

describe("002 §6, 004 §7.4.4: the case view shows how to refer to its area's MARAC", () => {
  it.each(ASSOCIATION_IDS)(
    '%s: every area’s route is on its high-risk cases, and on none that needs no referral',
    async (id) => {
      // Prepare
      const config = getAssociation(id);
      const { h, read, scoreHigh } = await forAssociation(id);
      const cases = [];
      for (const area of config.areas)
        cases.push({ area, caseId: await h.newCase({ associationId: id, area: area.id }) });
      const standard = await h.newCase({ associationId: id, area: config.areas[0]?.id });
      // Act
      for (const c of cases) expect((await scoreHigh(c.caseId)).status).toBe(200);
      const views = await Promise.all(cases.map((c) => read(c.caseId)));
      const none = await read(standard);
      // Assess
      for (const [i, { area }] of cases.entries()) {
        const route = views[i].maracRoute;
        expect(views[i].requiredActions.map((a: { duty: string }) => a.duty)).toContain('marac-referral');
        expect(route).toMatchObject({
          area: { id: area.id, name: area.name },
          name: `${area.name} MARAC`,
          ...area.marac,
        });
        expect(route.words).toMatch(/\w/);
        // An online form or download gives its link, an email route its address.
        if (area.marac.how === 'online-form' || area.marac.how === 'form-download')
          expect(route.url).toMatch(/^https:/);
        if (area.marac.how === 'email') expect(route.email).toMatch(/@/);
      }
      expect(none.requiredActions.map((a: { duty: string }) => a.duty)).not.toContain('marac-referral');
      expect(none.maracRoute).toBeNull();
    },
  );

  it('002 §6: the Wakefield MARAC is referred to by secure email; Kirklees by its online form, NKWR guiding', async () => {
    // Prepare
    const { h, read, scoreHigh } = await forAssociation('connect-housing');
    const wakefield = await h.newCase({ associationId: 'connect-housing', area: 'wakefield' });
    const kirklees = await h.newCase({ associationId: 'connect-housing', area: 'kirklees' });
    // Act
    await scoreHigh(wakefield);
    await scoreHigh(kirklees);
    const [w, k] = [(await read(wakefield)).maracRoute, (await read(kirklees)).maracRoute];
    // Assess
    expect(w).toMatchObject({ how: 'email', email: 'wakefield.marac@westyorkshire.pnn.police.uk' });
    expect(w.words).toMatch(/secure email/);
    expect(k).toMatchObject({
      how: 'online-form',
      url: 'https://www.kirklees.gov.uk/beta/adult-social-care-providers/multi-agency-risk-assessment-conference.aspx',
      representedBy: "Connect's specialist domestic abuse team",
    });
    expect(k.contacts.map((s: { name: string }) => s.name)).toEqual(["North Kirklees Women's Refuge (NKWR)"]);
  });

  it("003: a local-authority route names the area's local authority contact (Telford & Wrekin Council)", async () => {
    // Prepare
    const { h, read, scoreHigh } = await forAssociation('wrekin');
    const id = await h.newCase({ associationId: 'wrekin', area: 'telford-and-wrekin' });
    // Act
    await scoreHigh(id);
    const route = (await read(id)).maracRoute;
    // Assess
    expect(route.how).toBe('local-authority');
    expect(route.contacts).toEqual([
      expect.objectContaining({ name: 'Telford & Wrekin Council', phone: '01952 385385' }),
    ]);
  });

  it('004 §7.4.4: a high-risk case with no area recorded says to record the area, never a guessed route', async () => {
    // Prepare
    const { h, read, scoreHigh } = await forAssociation('one-manchester');
    const id = await h.newCase({ area: undefined });
    // Act
    await scoreHigh(id);
    const route = (await read(id)).maracRoute;
    // Assess
    expect(route).toEqual({
      area: null,
      words: expect.stringMatching(/Record the victim's area.*Manchester/),
      contacts: [],
    });
  });
});
