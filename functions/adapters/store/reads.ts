/** Reading one case: the whole of it (decrypted, a staff read recorded first) or its clear summary. */
import { NotFoundError } from '../errors.js';
import { getCaseItem, type Store } from './access.js';
import { findLinkedCases, markersFor } from './homes.js';
import { parseLinkKeys, summaryOf } from './items.js';
import { openCase, storedCase } from './records.js';
import { recordView } from './timeline.js';
import type { CaseSummary, Reader, StoredCase } from './types.js';

/**
 * Reads and decrypts a case, with the markers on its home(s). A staff reader's read is recorded
 * (`case-viewed`) before anything is returned, and staff also get the linked earlier cases.
 */
export async function getCase(store: Store, caseId: string, reader: Reader): Promise<StoredCase> {
  const item = await getCaseItem(store, caseId);
  if (!item) throw new NotFoundError('case not found', caseId);
  if (reader !== 'system') await recordView(store, caseId, reader);
  const priv = await openCase(store, item);
  const linkKeys = parseLinkKeys(item.linkKeys);
  const [markers, history] = await Promise.all([
    markersFor(store, linkKeys),
    reader === 'system' ? Promise.resolve([]) : findLinkedCases(store, linkKeys, { excludeCaseId: caseId }),
  ]);
  return storedCase(item, priv, markers, history);
}

/** The clear summary of a case (no personal data, so no read is recorded), or undefined. */
export async function getSummary(store: Store, caseId: string): Promise<CaseSummary | undefined> {
  const item = await getCaseItem(store, caseId);
  return item ? summaryOf(item) : undefined;
}
