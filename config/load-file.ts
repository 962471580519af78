import { readFileSync } from 'node:fs';
import { type AssociationConfig, parseAssociationConfig } from '../functions/core/association.js';

/** Reads and validates one association config file; errors name the file and the bad field. */
export function loadAssociationFile(path: string): AssociationConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read association config ${path}: ${(err as NodeJS.ErrnoException).code ?? 'read error'}`, {
      cause: err,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`Invalid association config ${path}: (root): not valid JSON (${(err as Error).message})`, {
      cause: err,
    });
  }
  return parseAssociationConfig(raw, path);
}
