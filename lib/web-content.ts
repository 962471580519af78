import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetHashType, type CfnElement, DockerImage, Stack, Validations } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { CONSOLE_PAGES, type ConsolePage, renderConsolePage } from '../web/console/pages.js';
import { resourceName } from './naming.js';

export interface WebContentProps {
  readonly associationId: string;
  /** Repository root: web/ and node_modules/govuk-frontend resolve against it. */
  readonly projectRoot: string;
  readonly bucket: IBucket;
  /** Invalidated (`/*`) once the files are in the bucket. */
  readonly distribution: IDistribution;
  /** The staff API's base URL, written into the console's config.json. */
  readonly staffApiUrl: string;
  /** Where the console signs in: config.json's `cognito` section (Cognito managed login, code + PKCE). */
  readonly cognito: ConsoleCognitoConfig;
  readonly logRetention?: RetentionDays;
}

/** What web/console/js/session.mjs reads from config.json's `cognito` section. */
interface ConsoleCognitoConfig {
  /** `https://<prefix>.auth.<region>.amazoncognito.com`, no trailing slash. */
  readonly domain: string;
  readonly clientId: string;
  /** Space-separated OAuth scopes the app client allows. */
  readonly scopes: string;
}

/** Console files that are sources, not site: the data generator, the pages' shell and renderer, tsconfig, type declarations. */
const CONSOLE_SOURCES = /^(build-data\.ts|pages\.ts|shell\.html|tsconfig\.json|config\.json|.*\.d\.mts)$/;
/** govuk-frontend's built files the pages link to (`/assets/govuk-frontend.min.css`, its fonts and images). */
const GOVUK_FILES = /^govuk-frontend\.min\.(css|js)(\.map)?$/;

/**
 * Lays out the site as the local runtime serves it (local/static.ts), so the same URLs work in both:
 * `assets/haven/*` (web/assets), `assets/govuk-frontend.min.*`, `assets/{fonts,images}/*`
 * (govuk-frontend's dist), `console/*` (web/console with this association's data only; its pages
 * rendered by web/console/pages.ts) and the neutral pages of web/pages at the top (`weather.html`).
 * Synchronous file copies and writes: no Docker.
 */
export function stageSite(projectRoot: string, associationId: string, outDir: string): void {
  const web = join(projectRoot, 'web');
  const govuk = join(projectRoot, 'node_modules', 'govuk-frontend', 'dist', 'govuk');
  if (!existsSync(govuk))
    throw new Error(`web content: ${govuk} is missing (govuk-frontend is a devDependency: run npm ci)`);
  const data = join(web, 'console', 'data', `${associationId}.json`);
  if (!existsSync(data))
    throw new Error(
      `web content: web/console/data/${associationId}.json is missing (run: npx tsx web/console/build-data.ts)`,
    );

  cpSync(join(web, 'assets'), join(outDir, 'assets', 'haven'), { recursive: true });
  for (const f of readdirSync(govuk).filter((n) => GOVUK_FILES.test(n)))
    cpSync(join(govuk, f), join(outDir, 'assets', f));
  for (const d of ['fonts', 'images']) cpSync(join(govuk, 'assets', d), join(outDir, 'assets', d), { recursive: true });
  cpSync(join(web, 'console'), join(outDir, 'console'), {
    recursive: true,
    filter: (src) => {
      const rel = src.slice(join(web, 'console').length + 1);
      return !CONSOLE_SOURCES.test(rel) && !rel.startsWith('data');
    },
  });
  for (const name of Object.keys(CONSOLE_PAGES) as ConsolePage[])
    writeFileSync(join(outDir, 'console', name), renderConsolePage(name));
  mkdirSync(join(outDir, 'console', 'data'), { recursive: true });
  cpSync(data, join(outDir, 'console', 'data', `${associationId}.json`));
  for (const page of readdirSync(join(web, 'pages')).filter((n) => n.endsWith('.html')))
    cpSync(join(web, 'pages', page), join(outDir, page));
}

/**
 * Uploads the public assets and the staff console to the web bucket and invalidates CloudFront.
 * Two deployments of one asset: ES modules (`*.mjs`) need a JavaScript Content-Type or browsers
 * refuse them, so they go with an explicit one; everything else takes the type its extension gives.
 * Each prunes only its own files, so nothing stale is left behind.
 */
export class WebContent extends Construct {
  readonly files: BucketDeployment;
  readonly modules: BucketDeployment;

  constructor(scope: Construct, id: string, props: WebContentProps) {
    super(scope, id);
    const site = Source.asset(join(props.projectRoot, 'web'), {
      // Hash what is uploaded, not web/ alone: govuk-frontend's files come from node_modules.
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        image: DockerImage.fromRegistry('haven-web-content-is-bundled-locally'),
        // CDK caches bundled assets by their bundling options, and a function (tryBundle) is not one:
        // without the id here, every stack of one App (scripts/synth-all.ts) would get the first one's data.
        environment: { HAVEN_ASSOCIATION: props.associationId },
        local: {
          tryBundle(outputDir) {
            stageSite(props.projectRoot, props.associationId, outputDir);
            return true;
          },
        },
      },
    });
    const consoleDefaults = JSON.parse(
      readFileSync(join(props.projectRoot, 'web', 'console', 'config.json'), 'utf8'),
    ) as Record<string, unknown>;
    // The committed config.json is the local runtime's (`auth: local`); in AWS the console signs in with Cognito.
    const consoleConfig = Source.jsonData('console/config.json', {
      ...consoleDefaults,
      auth: 'cognito',
      associationId: props.associationId,
      apiBase: props.staffApiUrl,
      cognito: { domain: props.cognito.domain, clientId: props.cognito.clientId, scopes: props.cognito.scopes },
    });
    const logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${resourceName(props.associationId, 'web-deployment')}`,
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
    });
    const common = { destinationBucket: props.bucket, logGroup, memoryLimit: 256, prune: true };
    this.files = new BucketDeployment(this, 'Files', { ...common, sources: [site, consoleConfig], exclude: ['*.mjs'] });
    this.modules = new BucketDeployment(this, 'Modules', {
      ...common,
      sources: [site],
      exclude: ['*'],
      include: ['*.mjs'],
      contentType: 'text/javascript; charset=utf-8',
      distribution: props.distribution,
      distributionPaths: ['/*'],
    });
    // Invalidate once, after both have written.
    this.modules.node.addDependency(this.files);
    const stack = Stack.of(this);
    acknowledgeDeploymentHandler(stack, stack.getLogicalId(props.bucket.node.defaultChild as CfnElement));
  }
}

/** The nag findings on CDK's shared bucket-deployment function (one per stack), which Haven does not write. */
function acknowledgeDeploymentHandler(stack: Stack, bucketLogicalId: string): void {
  const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) throw new Error('web content: CDK bucket-deployment function not found where expected');
  const ack = (id: string, reason: string) => Validations.of(handler).acknowledge({ id, reason });
  const deployOnly = 'It runs only during a deployment (a CloudFormation custom resource) and never touches case data.';
  const region = stack.region;
  ack(
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    `CDK's bucket-deployment function is created with the AWS managed basic execution role (logs only). ${deployOnly}`,
  );
  ack(
    'AwsSolutions-L1',
    `CDK's bucket-deployment function (Python, with the AWS CLI layer) is pinned by aws-cdk-lib itself; it moves with aws-cdk-lib upgrades. ${deployOnly}`,
  );
  for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*']) {
    ack(
      `AwsSolutions-IAM5[Action::${action}]`,
      `Granted by CDK's grantRead to copy the site: on the CDK bootstrap assets bucket (the staged zip) and the web bucket only. ${deployOnly}`,
    );
  }
  for (const action of ['s3:DeleteObject*', 's3:Abort*']) {
    ack(
      `AwsSolutions-IAM5[Action::${action}]`,
      `Granted by CDK's grantReadWrite to sync and prune the site: on the web bucket only. ${deployOnly}`,
    );
  }
  ack(
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${region}/*]`,
    `Reads the staged site zip from the CDK bootstrap assets bucket, whose object keys are asset hashes. ${deployOnly}`,
  );
  ack(
    `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`,
    `Writes and prunes the objects of the web bucket (the site's files, named at deploy time). ${deployOnly}`,
  );
  ack(
    'AwsSolutions-IAM5[Resource::*]',
    `cloudfront:CreateInvalidation and cloudfront:GetInvalidation, so the new files are served at once; CDK grants them on * . ${deployOnly}`,
  );
}
