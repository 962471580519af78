/**
 * The staff-safety marker on the home (002 §6: "Record a marker … if there is risk to colleagues
 * visiting a property"): when a case's staff-safety-marker duty is recorded done, the marker is put
 * on the home record under every home key the case has (property reference and address), so every
 * case at that address, earlier or later, shows it to staff. Only the staff API reads markers; the
 * public form never does. The marker is put before the case write that records the duty: should
 * that write then fail, the marker stays (the safe side for colleagues) and a retry puts the same
 * item again.
 */
import type { Deps } from '../adapters/deps.js';
import { homeKeys } from '../adapters/link-keys.js';
import type { NewEvent, StoredCase } from '../adapters/store/index.js';
import type { CommandResult } from '../core/commands/types.js';
import type { Duty } from '../core/duties.js';
import { Refusal } from '../core/problems.js';

const MARKER_DUTY: Duty = 'staff-safety-marker';

/**
 * Puts the staff-safety marker on the case's home when `result` records its duty done, and returns
 * the timeline entry saying so (none otherwise). A case with no address or property reference has no
 * home to mark: the duty is refused as done, naming what is missing.
 */
export async function markHomeWhenDone(
  d: Deps,
  current: StoredCase,
  result: CommandResult,
  actor: { sub: string; role: string },
  at: string,
): Promise<NewEvent[]> {
  if (!result.events.some((e) => e.type === 'action-done' && e.duty === MARKER_DUTY)) return [];
  const homes = homeKeys(current.linkKeys);
  if (homes.length === 0)
    throw new Refusal('unprocessable', 'this case has no home to mark', [
      {
        field: 'duty',
        problem:
          'needs the home: the case has no address or property reference, so the marker cannot go on the home record; record no further action with the reason (e.g. marked on the housing system another way)',
      },
    ]);
  await d.cases.setHomeMarker(homes, {
    kind: 'staff-safety',
    setBy: actor.sub,
    setAt: at,
    sourceCaseId: current.caseId,
  });
  return [{ type: 'home-marker-set', at, actor, duty: MARKER_DUTY }];
}
