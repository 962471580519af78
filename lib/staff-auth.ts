import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { resourceName } from './naming.js';

/** Staff groups; handlers read them from the token's `cognito:groups` claim to decide what a user may do. */
export const STAFF_GROUPS = [
  { name: 'officer', description: 'Case officers: their own cases and commands on them', precedence: 40 },
  { name: 'manager', description: 'Line and operations managers: all cases, reassignment, figures', precedence: 20 },
  { name: 'safeguarding-lead', description: 'Safeguarding lead: all cases, MARAC and safeguarding duties, figures', precedence: 10 },
  { name: 'board', description: 'Board members: anonymous figures only, no case access', precedence: 30 },
] as const;

export interface StaffAuthProps {
  readonly associationId: string;
}

/**
 * The staff user pool: invited accounts only, MFA (authenticator app) required for everyone,
 * threat protection enforcing (compromised credentials, adaptive authentication). Case content about
 * domestic abuse must not sit behind a password alone.
 */
export class StaffAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: StaffAuthProps) {
    super(scope, id);
    const name = resourceName(props.associationId, 'staff');
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: name,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const g of STAFF_GROUPS) {
      new UserPoolGroup(this, `Group-${g.name}`, {
        userPool: this.userPool,
        groupName: g.name,
        description: g.description,
        precedence: g.precedence,
      });
    }
    this.client = this.userPool.addClient('Console', {
      userPoolClientName: `${name}-console`,
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(30),
      idTokenValidity: Duration.minutes(30),
      refreshTokenValidity: Duration.hours(8),
    });
  }
}
