// Imported first by runtime tests: Powertools reads these when a logger or metrics instance is created, and
// thousands of JSON log lines would drown the test report. Tests that assert on logs set their own logger.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_REGION ??= 'eu-west-1';
