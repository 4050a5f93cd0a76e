/** Owns sign-in in AWS: the Cognito user pool with one group per role, the organisation attribute, and its hosted sign-in domain. */
import { Aws, Duration } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
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

/** The attributes an account may change about itself through an app client: its name only; never the organisation or e-mail. */
export const WEB_CLIENT_WRITE_ATTRIBUTES = new ClientAttributes().withStandardAttributes({ fullname: true });
/** What an app client may read: the name, the e-mail and the organisation. */
export const WEB_CLIENT_READ_ATTRIBUTES = new ClientAttributes()
  .withStandardAttributes({ fullname: true, email: true, emailVerified: true })
  .withCustomAttributes('organisation');
import { removalPolicyFor } from '../stage.ts';
import { DirectoryFunction } from './directory-function.ts';

/**
 * Accounts are created by administrators (no self sign-up); each belongs to groups named after the
 * roles and, for actor staff, to an organisation (`custom:organisation`, an actor entry id) that a
 * pre-token-generation trigger copies into the access token. The Essentials plan is what lets that
 * trigger change access tokens. The web app client lives with the API (its callback URL is the API's).
 *
 * The organisation decides whose referrals an account reads, so only administrators set it
 * (AdminUpdateUserAttributes, with IAM): no app client may write it (see WEB_CLIENT_WRITE_ATTRIBUTES).
 * It stays mutable so an administrator can move an account. Every account of this pool is staff who
 * may see referral personal data (advisors read the referrals they sent), so MFA (TOTP) is required
 * of every account, not offered.
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
      mfa: Mfa.REQUIRED,
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
