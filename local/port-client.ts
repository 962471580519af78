/**
 * Haven's own document client over dynalite's port (dynalite-port.ts): functions/adapters/dynamo.ts's
 * local client with the port as its request handler, and its middleware stack resolved once per
 * command. Here, not in dynamo.ts, because only the local runtime (wiring.ts) and its tests use it: no
 * Lambda bundle carries it. Add any middleware to such a client before its first send.
 */
import { type DynamoDBDocumentClient, DynamoDBDocumentClientCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../functions/adapters/dynamo.js';
import type { DynaliteTransport } from './dynalite-port.js';

/** A document client of dynalite's `endpoint` whose requests go over `transport` (its port, no socket). */
export function portDocumentClient(o: {
  endpoint: string;
  transport: DynaliteTransport;
  maxAttempts?: number;
}): DynamoDBDocumentClient {
  const { endpoint, transport, maxAttempts } = o;
  return resolvedOncePerCommand(
    createDocumentClient({ endpoint, requestHandler: transport, ...(maxAttempts ? { maxAttempts } : {}) }),
  );
}

/** The parts of a document-client command the stack is resolved from (protected in lib-dynamodb's types). */
interface DocumentCommandParts {
  clientCommand: {
    resolveMiddleware(
      stack: unknown,
      config: unknown,
      options: undefined,
    ): (command: unknown) => Promise<{ output: unknown }>;
  };
  middlewareStack: unknown;
  addMarshallingMiddleware(config: unknown): void;
}

/**
 * The SDK rebuilds a client's whole middleware stack on every send (a tenth of a local request's CPU).
 * Its own `cacheMiddleware` cannot be used with the document client: lib-dynamodb's commands hand the
 * cached handler their own first command, so every later send would repeat the first one's input.
 * This resolves the stack once per command class the way lib-dynamodb does (marshalling middleware
 * added, client stack concatenated, the plain command's stack resolved) and calls it with each
 * command's own plain command (whose input the marshalling reads; the key nodes are the class's).
 * A send with options, or of anything else, takes the SDK's usual path.
 */
function resolvedOncePerCommand(doc: DynamoDBDocumentClient): DynamoDBDocumentClient {
  const usual = doc.send.bind(doc);
  const handlers = new Map<unknown, (command: unknown) => Promise<{ output: unknown }>>();
  doc.send = ((command: unknown, ...rest: unknown[]) => {
    if (rest.length > 0 || !(command instanceof DynamoDBDocumentClientCommand))
      return (usual as (...a: unknown[]) => unknown)(command, ...rest);
    const parts = command as unknown as DocumentCommandParts;
    let handler = handlers.get(command.constructor);
    if (!handler) {
      parts.addMarshallingMiddleware(doc.config);
      const stack = doc.middlewareStack.concat(parts.middlewareStack as typeof doc.middlewareStack);
      handler = parts.clientCommand.resolveMiddleware(stack, doc.config, undefined);
      handlers.set(command.constructor, handler);
    }
    return handler(parts.clientCommand).then((r) => r.output);
  }) as typeof doc.send;
  return doc;
}
