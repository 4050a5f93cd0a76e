/**
 * The Lambda runtimes' logging and metrics on Powertools for AWS Lambda: JSON log lines with the
 * Lambda context and the platform's request id as correlation id, and metrics as CloudWatch EMF
 * lines under the names of shared/ports/metrics.ts. The local runtime keeps its own JSON lines.
 */
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import { METRIC_NAMESPACE, type MetricService, type Metrics } from '#shared/ports/metrics.ts';
import type { Logger } from '../api/middleware/request-log.ts';

/** The app's Logger on a Powertools logger: a child adds its fields to each line and shares the parent's Lambda context. */
export const loggerOn = (powertools: PowertoolsLogger, base: Record<string, unknown> = {}): Logger => ({
  info: (message, fields) => powertools.info(message, { ...base, ...fields }),
  error: (message, fields) => powertools.error(message, { ...base, ...fields }),
  child: (fields) => loggerOn(powertools, { ...base, ...fields }),
});

/** The metrics port on Powertools metrics. */
export const metricsOn = (powertools: PowertoolsMetrics): Metrics => ({
  count: (name, value = 1) => void powertools.addMetric(name, MetricUnit.Count, value),
  milliseconds: (name, value) => void powertools.addMetric(name, MetricUnit.Milliseconds, value),
});

/** The Lambda context as Powertools takes it (function name, request id, memory, …). */
export type Context = Parameters<PowertoolsLogger['addContext']>[0] & { awsRequestId: string };

export type LambdaObservability = {
  logger: Logger;
  metrics: Metrics;
  /** Wraps a handler: each invocation logs with its Lambda context and correlation id, and publishes its metrics when it ends. */
  instrument<E, R>(handler: (event: E, context: Context) => Promise<R>, correlationId?: (event: E) => unknown): (event: E, context: Context) => Promise<R>;
};

/** One logger and one metrics buffer per container, for the function that publishes as `service` in `stage`. */
export const lambdaObservability = (service: MetricService, stage: string): LambdaObservability => {
  const logger = new PowertoolsLogger({ serviceName: `vagvisaren-${service}`, persistentKeys: { stage, runtime: 'aws' } });
  const metrics = new PowertoolsMetrics({ namespace: METRIC_NAMESPACE, serviceName: service, defaultDimensions: { stage } });
  return {
    logger: loggerOn(logger),
    metrics: metricsOn(metrics),
    instrument: (handler, correlationId) => async (event, context) => {
      logger.addContext(context);
      logger.setCorrelationId(correlationId?.(event) ?? context.awsRequestId);
      try {
        return await handler(event, context);
      } finally {
        if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      }
    },
  };
};
