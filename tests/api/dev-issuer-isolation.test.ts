import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the development sign-in', () => {
  it('is not in the Lambda bundle, so no configuration can enable it in AWS', async () => {
    const result = await build({
      entryPoints: ['functions/api/lambda.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const modules = Object.keys(result.metafile.inputs);
    expect(modules).toContain('functions/composition/aws.ts');
    expect(modules.filter((path) => /dev-issuer|demo-users|composition\/local|local\/dynalite|node_modules\/dynalite\//.test(path))).toEqual([]);
    const code = result.outputFiles.map((file) => file.text).join('\n');
    expect(code).not.toContain('local-development-issuer');
  }, 60_000);
});
