import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES, type Role } from '../functions/core/roles.js';
import { lowerName, resourceName } from './naming.js';

/** Staff groups, one per role; handlers read them from the token's `cognito:groups` claim to decide what a user may do. */
const GROUP_DETAILS: Record<Role, { description: string; precedence: number }> = {
  officer: { description: 'Case officers: their own cases and commands on them', precedence: 40 },
  manager: { description: 'Line and operations managers: all cases, reassignment, figures', precedence: 20 },
  'safeguarding-lead': {
    description: 'Safeguarding lead: all cases, MARAC and safeguarding duties, figures',
    precedence: 10,
  },
  board: { description: 'Board members: anonymous figures only, no case access', precedence: 30 },
};

/** The user pool's groups: the roles of functions/core/roles.ts, with what each is for. */
export const STAFF_GROUPS = ROLES.map((name) => ({ name, ...GROUP_DETAILS[name] }));

export interface StaffAuthProps {
  readonly associationId: string;
  /** `https://<site>`: the console's pages are under `<siteOrigin>/console/`. */
  readonly siteOrigin: string;
  /** Cognito prefix domain; default `haven-<id>-staff`. Prefixes are unique per region across all AWS accounts. */
  readonly domainPrefix?: string;
}

/** The console's OAuth scopes (config.json `cognito.scopes` and the app client's allowed scopes). */
export const CONSOLE_SCOPES = ['openid', 'email', 'profile'] as const;

/** The Cognito prefix domain an association's staff sign in at, unless context names another. */
export function defaultDomainPrefix(associationId: string): string {
  return lowerName(associationId, 'staff');
}

/** The managed login origin of a Cognito prefix domain. */
export function cognitoDomainUrl(prefix: string, region: string): string {
  return `https://${prefix}.auth.${region}.amazoncognito.com`;
}

/** Cognito's rules for a prefix domain, checked at synth rather than at deploy. */
function checkDomainPrefix(prefix: string): void {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix))
    throw new Error(
      `Cognito domain prefix "${prefix}": lower-case letters, digits and hyphens, 1 to 63, not starting or ending with a hyphen`,
    );
  if (/aws|amazon|cognito/.test(prefix))
    throw new Error(
      `Cognito domain prefix "${prefix}": may not contain aws, amazon or cognito (pass another with -c authDomainPrefix=<prefix>)`,
    );
}

/**
 * The staff user pool: invited accounts only, MFA (authenticator app) required for everyone,
 * threat protection enforcing (compromised credentials, adaptive authentication). Case content about
 * domestic abuse must not sit behind a password alone. Staff sign in through Cognito managed login on
 * the pool's prefix domain; the console is its one app client (web/console/js/session.mjs).
 */
export class StaffAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`: config.json's `cognito.domain` and the CSP's token endpoint. */
  readonly domainUrl: string;

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
      // Officers see the cases of their local authority areas: ids from the association's config,
      // comma-separated, set by an administrator (the handlers read the `custom:areas` claim).
      customAttributes: { areas: new StringAttribute({ mutable: true, minLen: 0, maxLen: 512 }) },
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
    const prefix = props.domainPrefix ?? defaultDomainPrefix(props.associationId);
    checkDomainPrefix(prefix);
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: prefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.domainUrl = cognitoDomainUrl(prefix, Stack.of(this).region);
    // The console is a public client (a static page can keep no secret): authorization code with PKCE.
    this.client = this.userPool.addClient('Console', {
      userPoolClientName: `${name}-console`,
      generateSecret: false,
      // SRP only (managed login's password step), named so Cognito's defaults (custom auth) do not apply.
      // With rotation on, CDK leaves out ALLOW_REFRESH_TOKEN_AUTH: a refresh token is used once, then replaced.
      authFlows: { userSrp: true },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: CONSOLE_SCOPES.map((scope) => OAuthScope.custom(scope)),
        callbackUrls: [`${props.siteOrigin}/console/sign-in.html`],
        logoutUrls: [`${props.siteOrigin}/console/signed-out.html`],
      },
      // Staff may read their areas but never change them: only administrators assign areas.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes('areas'),
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // Short-lived tokens: the console keeps the ID token in the tab only and signs in again when it lapses.
      accessTokenValidity: Duration.minutes(30),
      idTokenValidity: Duration.minutes(30),
      refreshTokenValidity: Duration.hours(1),
      refreshTokenRotationGracePeriod: Duration.seconds(0),
      authSessionValidity: Duration.minutes(5),
    });
    // Managed login (v2) shows an error page to a client with no branding style: Cognito's default style.
    new CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }
}
