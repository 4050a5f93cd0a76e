/**
 * The credentials of the requests the functions sign themselves (the snapshot bucket's, OpenSearch's):
 * the environment's, as Lambda gives a function its role's, or else the AWS SDK's provider chain (a
 * profile or SSO for `npm run reindex` from a workstation), whose modules load only in that case.
 */
export type AwsCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export const awsCredentials = (env: NodeJS.ProcessEnv): (() => Promise<AwsCredentials>) => {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    const fromEnv = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
    return () => Promise.resolve(fromEnv);
  }
  let chain: Promise<() => Promise<AwsCredentials>> | undefined;
  return async () => {
    chain ??= import('@aws-sdk/credential-provider-node').then(({ defaultProvider }) => defaultProvider());
    return (await chain)();
  };
};
