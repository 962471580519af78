/** CDK feature flags Haven relies on; bin/haven.ts and the CDK tests pass the same set to App. */
export const FEATURE_FLAGS = {
  '@aws-cdk/aws-iam:minimizePolicies': true,
  '@aws-cdk/core:target-partitions': ['aws'],
  // Grant S3 server access logging through a bucket policy, not the deprecated LogDeliveryWrite ACL.
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
} as const;
