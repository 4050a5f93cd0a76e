/** Owns sign-in in AWS: the Cognito user pool with one group per role, the organisation attribute, its invitation mail and its hosted sign-in domain. */
import { Aws, Duration, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolEmail,
  UserPoolDomain,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '#shared/domain/identity.ts';
import { isDevStage, removalPolicyFor, type ThreatProtection } from '../stage.ts';
import { DirectoryFunction } from './directory-function.ts';

/** The attributes an account may change about itself through an app client: its name only; never the organisation or e-mail. */
export const WEB_CLIENT_WRITE_ATTRIBUTES = new ClientAttributes().withStandardAttributes({ fullname: true });
/** What an app client may read: the name, the e-mail and the organisation. */
export const WEB_CLIENT_READ_ATTRIBUTES = new ClientAttributes()
  .withStandardAttributes({ fullname: true, email: true, emailVerified: true })
  .withCustomAttributes('organisation');

export interface IdentityProps {
  readonly stage: string;
  /** Cognito's mail through SES: the verified sender, its domain identity and the configuration set; without it, Cognito's own sender. */
  readonly mail?: { sender: string; domain: string; configurationSetName: string };
  /** @default 'off' */
  readonly threatProtection?: ThreatProtection;
}

/** The mail an administrator's new account gets: the user name and a temporary password, in Swedish first. */
const INVITATION = {
  emailSubject: 'Ditt konto i Vägvisaren / Your Vägvisaren account',
  emailBody: [
    'Hej!',
    '',
    'Du har fått ett konto i Vägvisaren, Örebro läns företagsfrämjande vägvisare.',
    'Användarnamn: {username}',
    'Tillfälligt lösenord: {####}',
    'Logga in inom sju dagar och välj ett eget lösenord. Har du inte väntat dig det här brevet kan du bortse från det.',
    '',
    'Hello,',
    '',
    'You have been given an account in Vägvisaren, the directory of business support in Örebro County.',
    'User name: {username}',
    'Temporary password: {####}',
    'Sign in within seven days and choose your own password. If you did not expect this message, you can ignore it.',
  ].join('<br>'),
};

/** The mail with a code to confirm an address or reset a password. */
const VERIFICATION = {
  emailSubject: 'Din kod till Vägvisaren / Your Vägvisaren code',
  emailBody: 'Din kod: {####}<br>Your code: {####}',
};

/**
 * Accounts are created by administrators (no self sign-up); each belongs to groups named after the
 * roles and, for actor staff, to an organisation (`custom:organisation`, an actor entry id) that a
 * pre-token-generation trigger copies into the access token. The Essentials plan is what lets that
 * trigger change access tokens; `threatProtection` moves the pool to the Plus plan for Cognito's
 * threat protection. Invitations and codes are mailed in Swedish and English, through SES from the
 * configured sender when there is one (Cognito's own sender manages 50 a day). Outside dev the pool is
 * protected from deletion. The web app client lives with the API (its callback URL is the API's).
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

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const threatProtection = props.threatProtection ?? 'off';
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      customAttributes: { organisation: new StringAttribute({ minLen: 3, maxLen: 80, mutable: true }) },
      featurePlan: threatProtection === 'off' ? FeaturePlan.ESSENTIALS : FeaturePlan.PLUS,
      ...(threatProtection === 'off'
        ? {}
        : { standardThreatProtectionMode: threatProtection === 'enforced' ? StandardThreatProtectionMode.FULL_FUNCTION : StandardThreatProtectionMode.AUDIT_ONLY }),
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: { minLength: 12, requireSymbols: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      userInvitation: INVITATION,
      userVerification: VERIFICATION,
      ...(props.mail ? { email: UserPoolEmail.withSES({ fromEmail: props.mail.sender, fromName: 'Vägvisaren', configurationSetName: props.mail.configurationSetName, sesVerifiedDomain: props.mail.domain }) } : {}),
      deletionProtection: !isDevStage(props.stage),
      removalPolicy: removalPolicyFor(props.stage),
    });
    Validations.of(this.userPool).acknowledge(
      { id: 'AwsSolutions-COG1', reason: 'Passwords are at least 12 characters with no required character classes: length over composition, as NIST SP 800-63B advises.' },
      { id: 'AwsSolutions-COG2', reason: 'MFA (an authenticator app) is optional for the pool; staff accounts are few, created by administrators, and MFA is offered to each.' },
      ...(threatProtection === 'off'
        ? [{ id: 'AwsSolutions-COG8', reason: 'The Essentials plan is the default; the threatProtection context value moves the pool to Plus when its cost is wanted (README, Deploy).' }]
        : []),
    );
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
    Validations.of(this.preTokenGeneration).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'Cognito invokes the trigger synchronously during sign-in; a failure fails that sign-in and raises the SignInTriggerErrors alarm.',
    });
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, this.preTokenGeneration.lambda, LambdaVersion.V2_0);
    this.domain = this.userPool.addDomain('HostedSignIn', {
      cognitoDomain: { domainPrefix: `vagvisaren-${props.stage}-${Aws.ACCOUNT_ID}` },
    });
  }
}
