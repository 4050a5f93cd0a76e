/** Owns sign-in in AWS: the Cognito user pool with one group per role, the organisation attribute, and its hosted sign-in domain. */
import { Aws, Duration } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  StringAttribute,
  UserPool,
  UserPoolDomain,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '#shared/domain/identity.ts';
import { removalPolicyFor } from '../stage.ts';
import { DirectoryFunction } from './directory-function.ts';

/**
 * Accounts are created by administrators (no self sign-up); each belongs to groups named after the
 * roles and, for actor staff, to an organisation (`custom:organisation`, an actor entry id) that a
 * pre-token-generation trigger copies into the access token. The Essentials plan is what lets that
 * trigger change access tokens. The web app client lives with the API (its callback URL is the API's).
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  readonly preTokenGeneration: DirectoryFunction;

  constructor(scope: Construct, id: string, props: { stage: string }) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      customAttributes: { organisation: new StringAttribute({ minLen: 3, maxLen: 80, mutable: true }) },
      featurePlan: FeaturePlan.ESSENTIALS,
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: { minLength: 12, requireSymbols: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: removalPolicyFor(props.stage),
    });
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.userPool.userPoolId, groupName: role, description: `Vägvisaren role ${role}` });
    }
    this.preTokenGeneration = new DirectoryFunction(this, 'PreTokenGeneration', {
      entry: 'functions/identity/pre-token-generation.ts',
      description: `Vägvisaren: organisation into access tokens (${props.stage})`,
      memorySize: 256,
      timeout: Duration.seconds(5),
      logRemovalPolicy: removalPolicyFor(props.stage),
    });
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, this.preTokenGeneration.lambda, LambdaVersion.V2_0);
    this.domain = this.userPool.addDomain('HostedSignIn', {
      cognitoDomain: { domainPrefix: `vagvisaren-${props.stage}-${Aws.ACCOUNT_ID}` },
    });
  }
}
