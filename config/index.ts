import { type AssociationConfig, parseAssociationConfig } from '../functions/core/association.js';
import connectHousing from './associations/connect-housing.json' with { type: 'json' };
// Static imports, so every Lambda bundle carries the configs without reading files at run time.
import housing21 from './associations/housing-21.json' with { type: 'json' };
import oneManchester from './associations/one-manchester.json' with { type: 'json' };
import sadaHerts from './associations/sada-herts.json' with { type: 'json' };
import wrekin from './associations/wrekin.json' with { type: 'json' };

const RAW: Record<string, unknown> = {
  'housing-21': housing21,
  'sada-herts': sadaHerts,
  'connect-housing': connectHousing,
  wrekin: wrekin,
  'one-manchester': oneManchester,
};

const CONFIGS: ReadonlyMap<string, AssociationConfig> = new Map(
  Object.entries(RAW).map(([id, raw]) => {
    const config = parseAssociationConfig(raw, `config/associations/${id}.json`);
    if (config.id !== id)
      throw new Error(
        `Invalid association config config/associations/${id}.json: id: must be "${id}" to match the file name`,
      );
    return [id, config] as const;
  }),
);

/** The ids of every association Haven ships a config for. */
export const ASSOCIATION_IDS: readonly string[] = Object.freeze([...CONFIGS.keys()]);

/** The validated config of one association; an unknown id is an error naming it and the known ids. */
export function getAssociation(id: string): AssociationConfig {
  const config = CONFIGS.get(id);
  if (!config) throw new Error(`Unknown association "${id}"; known associations: ${ASSOCIATION_IDS.join(', ')}`);
  return config;
}
