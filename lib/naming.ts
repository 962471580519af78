/** The name every resource of an association's stack carries: `Haven-<id>` then the resource's own part. */
export function resourceName(associationId: string, part?: string): string {
  return part ? `Haven-${associationId}-${part}` : `Haven-${associationId}`;
}

/** Lower-case form for resources whose names must be lower case (SES configuration sets, KMS aliases). */
export function lowerName(associationId: string, part: string): string {
  return `haven-${associationId}-${part}`;
}
