import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { synthesize, type SynthesizeOptions } from './synthesize.ts';

type Report = { pluginReports: { violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[] };

/** Synthesizes a stage under the AwsSolutions and Serverless packs; the findings left unacknowledged, as `rule at path`. */
function unacknowledgedFindings(stage: string, options: SynthesizeOptions = {}): string[] {
  const synthesized = synthesize(stage, {
    ...options,
    amend: (stacks, app) => {
      options.amend?.(stacks, app);
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
    },
  });
  try {
    synthesized.app.synth();
    return [];
  } catch (error) {
    const reportPath = join(synthesized.outdir, 'validation-report.json');
    if (!existsSync(reportPath)) throw error;
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    return report.pluginReports.flatMap((plugin) =>
      plugin.violations.flatMap((violation) => violation.violatingConstructs.map((c) => `${violation.ruleName} at ${c.constructPath}`)),
    );
  } finally {
    synthesized.dispose();
  }
}

describe('cdk-nag (AwsSolutions and Serverless packs)', { timeout: 120_000 }, () => {
  it('finds nothing unacknowledged in a dev stage', () => {
    expect(unacknowledgedFindings('dev')).toEqual([]);
  });

  it('finds nothing unacknowledged in a prod stage with a mail sender, alarm recipients, threat protection and a custom domain', () => {
    expect(
      unacknowledgedFindings('prod', {
        context: {
          notificationSender: 'vagvisaren@regionorebrolan.se',
          alarmEmails: 'drift@regionorebrolan.se',
          threatProtection: 'audit',
          domainName: 'vagvisaren.regionorebrolan.se',
          hostedZoneId: 'Z0123456789ABCDEFGHIJ',
          hostedZoneName: 'regionorebrolan.se',
        },
      }),
    ).toEqual([]);
  });

  it('finds nothing unacknowledged in dev and prod stages searching an OpenSearch domain (search=opensearch)', () => {
    expect(unacknowledgedFindings('dev', { context: { search: 'opensearch' } })).toEqual([]);
    expect(unacknowledgedFindings('prod', { context: { search: 'opensearch' } })).toEqual([]);
  });

  it('finds nothing unacknowledged with CloudFront and AWS WAF in front (cdn=true), in prod with the edge stack and in dev with ARNs by context', () => {
    expect(
      unacknowledgedFindings('prod', {
        context: { cdn: 'true', alarmEmails: 'drift@regionorebrolan.se', domainName: 'vagvisaren.regionorebrolan.se', hostedZoneId: 'Z0123456789ABCDEFGHIJ', hostedZoneName: 'regionorebrolan.se' },
      }),
    ).toEqual([]);
    expect(
      unacknowledgedFindings('dev', {
        context: {
          cdn: 'true',
          domainName: 'vagvisaren.regionorebrolan.se',
          certificateArn: 'arn:aws:acm:eu-north-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
          cdnCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
        },
      }),
    ).toEqual([]);
  });

  it('reports a new finding, so one added later fails the build', () => {
    const findings = unacknowledgedFindings('dev', { amend: ({ stateless }) => new Queue(stateless, 'UnacknowledgedQueue') });
    expect(findings).toEqual(expect.arrayContaining([expect.stringMatching(/^AwsSolutions-SQS3 at Vagvisaren-dev-Stateless\/UnacknowledgedQueue/)]));
  });
});
