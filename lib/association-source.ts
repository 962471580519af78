import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type AssociationConfig, parseAssociationConfig } from '../functions/core/association.js';

/** The shape config/index.ts exports once it exists; read dynamically so lib/ compiles before it does. */
interface ConfigModule {
  getAssociation?: (id: string) => AssociationConfig | undefined;
  ASSOCIATION_IDS?: readonly string[];
}

async function configModule(root: string): Promise<ConfigModule | undefined> {
  const file = join(root, 'config', 'index.ts');
  if (!existsSync(file)) return undefined;
  return (await import(pathToFileURL(file).href)) as ConfigModule;
}

/** The association ids with a config, from config/index.ts when present, else from config/associations/*.json. */
export async function listAssociationIds(root: string): Promise<string[]> {
  const mod = await configModule(root);
  if (mod?.ASSOCIATION_IDS) return [...mod.ASSOCIATION_IDS];
  const dir = join(root, 'config', 'associations');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** Loads and validates one association's config, throwing an error that names the id and the problem. */
export async function loadAssociation(root: string, id: string): Promise<AssociationConfig> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new Error(`Association id "${id}" is not a lower-case slug`);
  const mod = await configModule(root);
  let config: AssociationConfig | undefined;
  if (mod?.getAssociation) {
    try {
      config = mod.getAssociation(id);
    } catch (err) {
      throw new Error(`Association "${id}": ${(err as Error).message}`);
    }
  } else {
    const file = join(root, 'config', 'associations', `${id}.json`);
    if (!existsSync(file)) {
      const known = await listAssociationIds(root);
      throw new Error(`Unknown association "${id}": no ${file}. Known: ${known.join(', ') || '(none)'}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`Association "${id}": ${file} is not valid JSON (${(err as Error).message})`);
    }
    config = parseAssociationConfig(raw, file);
  }
  if (!config) {
    const known = await listAssociationIds(root);
    throw new Error(`Unknown association "${id}". Known: ${known.join(', ') || '(none)'}`);
  }
  if (config.id !== id) throw new Error(`Association "${id}": its config says id "${config.id}"`);
  return config;
}

/** The SES sending domain: an explicit one, else the domain of the operations (or first) escalation mailbox. */
export function mailDomainFor(config: AssociationConfig, explicit?: string): string {
  if (explicit) return explicit;
  const mailboxes = config.escalation.mailboxes;
  const address = mailboxes.operations ?? Object.values(mailboxes).find(Boolean);
  const domain = address?.split('@')[1];
  if (!domain)
    throw new Error(
      `Association "${config.id}": no escalation mailbox to take a sending domain from; pass -c mailDomain=<domain>`,
    );
  return domain;
}
