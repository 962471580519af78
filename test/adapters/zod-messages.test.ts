/**
 * zod/mini gives every issue the one message "Invalid input" unless a locale is installed; full zod
 * installed its English one at import. core/zod-en.ts installs it, so the words a refusal is built
 * from stay the same: "received undefined" (errors.ts's "is required"), and zod's own limits where a
 * schema gives none ("Too small: …"), in 4xx bodies and config errors alike.
 */
import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { fieldsFromZod } from '../../functions/adapters/http/errors.js';
import { parseAssociationConfig } from '../../functions/core/association.js';
import { COMMANDS } from '../../functions/core/commands/index.js';
import { reportSchema } from '../../functions/core/report.js';
import { defined } from '../support/defined.js';

const refusal = (schema: { safeParse(x: unknown): { error?: Parameters<typeof fieldsFromZod>[0] } }, x: unknown) =>
  fieldsFromZod(defined(schema.safeParse(x).error, 'a refusal'));

describe("a refusal is worded from zod's English messages (core/zod-en.ts)", () => {
  it('a missing field is required; a field of the wrong type says which type', () => {
    // Prepare
    const body = { reporterKind: 'victim', immediateDanger: 'no', livesInAssociationHome: 'yes', narrative: 'x' };

    // Act
    const fields = refusal(reportSchema, body);

    // Assess
    expect(fields).toEqual([
      { field: 'associationId', problem: 'is required' },
      { field: 'immediateDanger', problem: 'must be true or false' },
    ]);
  });

  it('a limit the schema gives no words for is refused in zod words, naming the limit', () => {
    // Prepare
    const input = { contact: 0, items: [] };

    // Act
    const fields = refusal(COMMANDS.share.schema, input);

    // Assess
    expect(fields).toEqual([{ field: 'items', problem: 'Too small: expected array to have >=1 items' }]);
  });

  it('a config error quotes the English message of the first bad field', () => {
    // Prepare
    const raw = { ...getAssociation('wrekin'), name: 'W' };

    // Act
    const parse = () => parseAssociationConfig(raw, 'wrekin.json');

    // Assess
    expect(parse).toThrow(
      'Invalid association config wrekin.json: name: Too small: expected string to have >=2 characters',
    );
  });
});
