/** Owns how infra tests build the CDK app: cdk.json's feature flags, a stage, optional bundling, a throwaway outdir. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { composeApp, type Vagvisaren } from '#infra/compose.ts';
import { repoRoot } from '#infra/paths.ts';

const cdkJsonContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> }).context ?? {};

export interface Synthesized extends Vagvisaren {
  readonly app: App;
  readonly outdir: string;
  /** The templates, synthesized on first use. */
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
  /** The us-east-1 stack's template, with `cdn=true`; throws without that stack. */
  readonly edgeTemplate: Template;
  /** Removes the cloud assembly directory. */
  readonly dispose: () => void;
}

export interface SynthesizeOptions {
  /** Run the real local esbuild. @default false */
  readonly bundle?: boolean;
  /** More context values, as `-c key=value` would give them. */
  readonly context?: Record<string, unknown>;
  /** Called with the composed app before the templates are read, e.g. to add validation plugins. */
  readonly amend?: (stacks: Vagvisaren, app: App) => void;
}

/**
 * Builds the app as `cdk synth -c stage=<stage>` would (same feature flags as cdk.json).
 * Bundling is skipped unless `bundle` is true, which runs the real local esbuild.
 */
export function synthesize(stage: string, options: SynthesizeOptions = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'vagvisaren-cdk-'));
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext(),
      stage,
      ...options.context,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stacks = composeApp(app);
  options.amend?.(stacks, app);
  let stateful: Template | undefined;
  let stateless: Template | undefined;
  let edge: Template | undefined;
  return {
    ...stacks,
    app,
    outdir,
    get statefulTemplate() {
      return (stateful ??= Template.fromStack(stacks.stateful));
    },
    get statelessTemplate() {
      return (stateless ??= Template.fromStack(stacks.stateless));
    },
    get edgeTemplate() {
      if (!stacks.edge) throw new Error('No edge stack: it exists with cdn=true only');
      return (edge ??= Template.fromStack(stacks.edge));
    },
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

type Json = Record<string, unknown>;

/**
 * Follows a cross-stack reference (`Fn::GetStackOutput` for weak references, `Fn::ImportValue`
 * for strong ones) to the value the producing template outputs; other values pass through.
 */
export function resolveCrossStack(value: unknown, producer: Template): unknown {
  const outputs = (producer.toJSON() as { Outputs?: Record<string, Json> }).Outputs ?? {};
  if (value && typeof value === 'object') {
    const weak = (value as Json)['Fn::GetStackOutput'] as { OutputName?: string } | undefined;
    if (weak?.OutputName) return outputs[weak.OutputName]?.Value;
    const strong = (value as Json)['Fn::ImportValue'];
    if (strong !== undefined) {
      return Object.values(outputs).find((output) => (output.Export as Json | undefined)?.Name === strong)?.Value;
    }
  }
  return value;
}

/** The logical id of the only resource of `type` in `template`. */
export function onlyLogicalId(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  if (ids.length !== 1) throw new Error(`Expected one ${type}, found ${ids.length}`);
  return ids[0]!;
}
