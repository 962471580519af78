import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { tableDefinition } from '../functions/contract/table-layout.js';
import { lowerName, resourceName } from './naming.js';

type KeyType = 'S' | 'N' | 'B';
/** A key attribute, named as the repository names it. */
interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}
/** A global secondary index; projection ALL unless `nonKeyAttributes` narrows it to INCLUDE. */
interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly nonKeyAttributes?: readonly string[];
  readonly projection?: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
}
/** The case table's keys and indexes: the same definition the repository creates locally. */
export interface CaseTableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
}

/** The parts of a DynamoDB CreateTableInput that carry keys and indexes (structural: no SDK import). */
interface CreateTableInputLike {
  readonly KeySchema?: readonly { readonly AttributeName?: string; readonly KeyType?: string }[];
  readonly AttributeDefinitions?: readonly { readonly AttributeName?: string; readonly AttributeType?: string }[];
  readonly GlobalSecondaryIndexes?: readonly {
    readonly IndexName?: string;
    readonly KeySchema?: readonly { readonly AttributeName?: string; readonly KeyType?: string }[];
    readonly Projection?: { readonly ProjectionType?: string; readonly NonKeyAttributes?: readonly string[] };
  }[];
}

/** Converts a CreateTableInput (the contract's, as used against dynalite) into the CDK table definition. */
export function fromCreateTableInput(input: CreateTableInputLike): CaseTableDefinition {
  const types = new Map((input.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]));
  const attr = (
    schema: CreateTableInputLike['KeySchema'],
    role: 'HASH' | 'RANGE',
    where: string,
  ): KeyAttribute | undefined => {
    const name = schema?.find((k) => k.KeyType === role)?.AttributeName;
    if (!name) return undefined;
    const type = types.get(name);
    if (type !== 'S' && type !== 'N' && type !== 'B')
      throw new Error(`table definition: ${where} key "${name}" has no attribute definition`);
    return { name, type };
  };
  const partitionKey = attr(input.KeySchema, 'HASH', 'table');
  if (!partitionKey) throw new Error('table definition: no HASH key');
  return {
    partitionKey,
    sortKey: attr(input.KeySchema, 'RANGE', 'table'),
    globalSecondaryIndexes: (input.GlobalSecondaryIndexes ?? []).map((g) => {
      const indexName = g.IndexName ?? '';
      const pk = attr(g.KeySchema, 'HASH', `index ${indexName}`);
      if (!indexName || !pk) throw new Error(`table definition: index "${indexName}" needs a name and a HASH key`);
      return {
        indexName,
        partitionKey: pk,
        sortKey: attr(g.KeySchema, 'RANGE', `index ${indexName}`),
        projection: (g.Projection?.ProjectionType as IndexDefinition['projection']) ?? 'ALL',
        nonKeyAttributes: g.Projection?.NonKeyAttributes,
      };
    }),
  };
}

/** The case table's definition from the table layout (functions/contract/table-layout.ts): the one the store uses. */
export function caseTableDefinition(tableName: string): CaseTableDefinition {
  return fromCreateTableInput(tableDefinition(tableName));
}

interface CaseStoreProps {
  readonly associationId: string;
  readonly definition: CaseTableDefinition;
}

const attributeType = (t: KeyType) =>
  t === 'S' ? AttributeType.STRING : t === 'N' ? AttributeType.NUMBER : AttributeType.BINARY;
const keyOf = (a: KeyAttribute) => ({ name: a.name, type: attributeType(a.type) });
const key = (a: KeyAttribute | undefined) => (a ? keyOf(a) : undefined);
const projection = (i: IndexDefinition) =>
  i.projection === 'KEYS_ONLY'
    ? ProjectionType.KEYS_ONLY
    : i.projection === 'INCLUDE' || i.nonKeyAttributes
      ? ProjectionType.INCLUDE
      : ProjectionType.ALL;

/**
 * The association's case table (cases, the append-only timeline, indexes), encrypted with its own
 * customer-managed key, plus the separate key the handlers use for application-level field encryption.
 */
export class CaseStore extends Construct {
  readonly table: TableV2;
  /** Encrypts the table at rest. Handlers reach it only through DynamoDB (kms:ViaService). */
  readonly tableKey: Key;
  /** Encrypts sensitive fields inside items (AWS Encryption SDK KMS keyring). */
  readonly fieldKey: Key;
  /** The link-hash key (field-crypto.ts `linkKey`): 43 base64-alphabet characters, ~256 bits. */
  readonly linkKeySecret: Secret;
  readonly definition: CaseTableDefinition;

  constructor(scope: Construct, id: string, props: CaseStoreProps) {
    super(scope, id);
    const { associationId, definition } = props;
    this.definition = definition;
    this.tableKey = new Key(this, 'TableKey', {
      alias: `alias/${lowerName(associationId, 'case-table')}`,
      description: `${resourceName(associationId)}: encrypts the case table at rest`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.fieldKey = new Key(this, 'FieldKey', {
      alias: `alias/${lowerName(associationId, 'case-fields')}`,
      description: `${resourceName(associationId)}: encrypts sensitive case fields in the application`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.linkKeySecret = new Secret(this, 'LinkKey', {
      secretName: `${resourceName(associationId, 'link-key')}`,
      description: `${resourceName(associationId)}: key for the keyed hashes that link a person's earlier cases`,
      encryptionKey: this.fieldKey,
      // Node's base64 decoder reads 43 characters of the base64 alphabet as 32 bytes.
      generateSecretString: { passwordLength: 43, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.linkKeySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The link key keys the hashes stored in LINK# items; rotating it would silently unlink every earlier case. It is rotated only by a planned re-keying job, never automatically.',
    });
    const partitionKey = key(definition.partitionKey);
    if (!partitionKey) throw new Error('case table needs a partition key');
    this.table = new TableV2(this, 'Table', {
      tableName: resourceName(associationId, 'cases'),
      partitionKey,
      sortKey: key(definition.sortKey),
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(this.tableKey),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: definition.globalSecondaryIndexes.map((i) => ({
        indexName: i.indexName,
        partitionKey: keyOf(i.partitionKey),
        sortKey: key(i.sortKey),
        projectionType: projection(i),
        nonKeyAttributes: i.nonKeyAttributes ? [...i.nonKeyAttributes] : undefined,
      })),
    });
  }

  /** ARNs of the table's named indexes: granted one by one, never `index/*`. */
  indexArns(): string[] {
    return this.definition.globalSecondaryIndexes.map((i) => `${this.table.tableArn}/index/${i.indexName}`);
  }
}
