/** Owns the project's Lambda defaults (runtime, bundling, logs, tracing) and the env-plus-grant bindings to data stores and the e-mail sender. */
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IDomain } from 'aws-cdk-lib/aws-opensearchservice';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DEFAULT_INDEX_ALIAS } from '#shared/adapters/opensearch/index-definition.ts';
import { BUNDLE_ENTRY_FILE } from '../bundling.ts';
import { repoRoot } from '../paths.ts';
import { acknowledgeWildcardResource } from './nag.ts';

export { CREATE_REQUIRE_BANNER } from '../bundling.ts';

/**
 * The function's code: infra/bundling.ts run by local esbuild (it needs plugins and code splitting,
 * which the NodejsFunction construct's command line cannot give), hashed by its output.
 */
const bundledCode = (entry: string): Code =>
  Code.fromAsset(repoRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
      // Part of the asset's cache key: without the entry in it, every function would get the first one bundled.
      command: ['node', '--import', 'tsx', 'infra/bundling.ts', entry, '/asset-output'],
      local: {
        tryBundle(outputDir) {
          execFileSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'infra', 'bundling.ts'), entry, outputDir], { cwd: repoRoot, stdio: 'inherit' });
          return true;
        },
      },
    },
  });

/**
 * `write` is for functions that add items they never read back, such as the indexer's audit records.
 * A list of DynamoDB actions grants exactly those, on the table itself (not its indexes).
 */
export type TableAccess = 'read' | 'write' | 'readWrite' | readonly `dynamodb:${string}`[];
/** `read` searches and counts; `readWrite` also writes documents (bulk) through the alias. */
export type SearchAccess = 'read' | 'readWrite';

/** Read-only operations on an index that OpenSearch takes as POST. */
const SEARCH_READ_POSTS = ['_search', '_count'];

export interface DirectoryFunctionProps {
  /** Entry file relative to the repository root, e.g. `functions/api/lambda.ts`. */
  readonly entry: string;
  /** Exported handler name in the entry file. @default 'handler' */
  readonly handler?: string;
  readonly description?: string;
  /** Extra environment variables; data-store variables come from the `bind*` methods. */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default 1024 */
  readonly memorySize?: number;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** What happens to the function's log group when the stack is deleted. @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * A TypeScript Lambda function with the project's defaults: Node.js 24 on arm64, an ESM bundle
 * built by local esbuild (infra/bundling.ts: AWS SDK bundled, createRequire banner, minified, split
 * into lazily loaded chunks, source maps shipped beside it but not parsed at run time: no
 * --enable-source-maps, so the first logged error does not read them), an explicit log group kept
 * for one month, and no X-Ray tracing: requests are followed by the platform's request id in the
 * Powertools log lines and measured by EMF metrics, which cost nothing at import time (a tracer
 * would instrument every client).
 *
 * Data stores are attached with `bindTable()` and `bindSearch()`, which set the environment
 * variables and the IAM grant together so they cannot drift apart.
 */
export class DirectoryFunction extends Construct {
  readonly lambda: LambdaFunction;
  readonly logGroup: LogGroup;
  private boundTable: ITable | undefined;
  private boundSearch: IDomain | undefined;

  constructor(scope: Construct, id: string, props: DirectoryFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.lambda = new LambdaFunction(this, 'Function', {
      code: bundledCode(props.entry),
      handler: `${BUNDLE_ENTRY_FILE.replace(/\.mjs$/, '')}.${props.handler ?? 'handler'}`,
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.DISABLED,
      logGroup: this.logGroup,
      environment: { ...props.environment },
    });
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The managed basic execution role only lets the function write its own logs; AWS keeps it current.',
      },
      {
        id: 'Serverless-LambdaTracing',
        reason: 'Tracing is off by choice: the platform request id in every log line correlates a request, EMF metrics measure it, and an X-Ray tracer would slow every cold start.',
      },
    );
  }

  /**
   * Gives the function the table: sets `TABLE_NAME` and grants read or read-write data access.
   * A function binds at most one table.
   */
  bindTable(table: ITable, access: TableAccess): this {
    if (this.boundTable && this.boundTable !== table) {
      throw new Error(`${this.node.path} is already bound to a table; a function binds one table.`);
    }
    this.boundTable = table;
    this.lambda.addEnvironment('TABLE_NAME', table.tableName);
    if (typeof access !== 'string') {
      this.lambda.addToRolePolicy(new PolicyStatement({ actions: [...access], resources: [table.tableArn] }));
      return this;
    }
    if (access === 'readWrite') table.grantReadWriteData(this.lambda);
    else if (access === 'write') table.grantWriteData(this.lambda);
    else table.grantReadData(this.lambda);
    acknowledgeWildcardResource(this, `${table.tableArn}/index/*`, 'The grant covers the table\'s own global secondary indexes, whatever their names.');
    return this;
  }

  /**
   * Gives the function the search domain: sets `OPENSEARCH_ENDPOINT` (https URL) and
   * `OPENSEARCH_INDEX` (the alias) and grants HTTP access to that alias only — GET and HEAD plus
   * POST to `_search` and `_count` for read access, every method for read-write. A function binds
   * at most one domain.
   */
  bindSearch(domain: IDomain, access: SearchAccess, alias: string = DEFAULT_INDEX_ALIAS): this {
    if (this.boundSearch && this.boundSearch !== domain) {
      throw new Error(`${this.node.path} is already bound to a search domain; a function binds one domain.`);
    }
    this.boundSearch = domain;
    this.lambda.addEnvironment('OPENSEARCH_ENDPOINT', `https://${domain.domainEndpoint}`);
    this.lambda.addEnvironment('OPENSEARCH_INDEX', alias);
    if (access === 'readWrite') {
      domain.grantIndexReadWrite(alias, this.lambda);
    } else {
      domain.grantIndexRead(alias, this.lambda);
      this.lambda.addToRolePolicy(
        new PolicyStatement({
          actions: ['es:ESHttpPost'],
          resources: SEARCH_READ_POSTS.map((operation) => `${domain.domainArn}/${alias}/${operation}`),
        }),
      );
    }
    acknowledgeWildcardResource(this, `${domain.domainArn}/${alias}/*`, 'The grant covers the documents and operations under the one search alias the function uses, and nothing else on the domain.');
    return this;
  }

  /**
   * Lets the function send e-mail through SES: sets `NOTIFICATION_SENDER` and grants `ses:SendEmail`
   * and `ses:SendRawEmail` on that address's identities (the address and its domain). Without a
   * sender it sets and grants nothing: notices are then logged as undeliverable.
   */
  bindEmailSender(sender: string | undefined): this {
    if (sender === undefined) return this;
    const stack = Stack.of(this);
    const identities = [sender, sender.slice(sender.lastIndexOf('@') + 1)];
    this.lambda.addEnvironment('NOTIFICATION_SENDER', sender);
    this.lambda.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: identities.map((identity) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity })),
      }),
    );
    return this;
  }

  /**
   * Gives the function the user pool whose access tokens it accepts and the client and domain of its
   * hosted sign-in: sets `COGNITO_USER_POOL_ID`, `COGNITO_CLIENT_ID` and `COGNITO_DOMAIN`.
   * Verification uses the pool's public JWKS, so no IAM grant is needed.
   */
  bindUserPool(pool: IUserPool, client: IUserPoolClient, domain: UserPoolDomain): this {
    this.lambda.addEnvironment('COGNITO_USER_POOL_ID', pool.userPoolId);
    this.lambda.addEnvironment('COGNITO_CLIENT_ID', client.userPoolClientId);
    this.lambda.addEnvironment('COGNITO_DOMAIN', domain.baseUrl());
    return this;
  }
}
