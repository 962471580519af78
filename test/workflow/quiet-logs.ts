/**
 * Imported first by the workflow harness: the lifecycle's Powertools loggers read their level when
 * their modules load, so it must be set before any handler is imported. A level already set wins.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'CRITICAL';
