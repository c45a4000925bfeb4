import { Duration, RemovalPolicy, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** The prefix of the co-op's exports (recall lists, record exports): rebuilt on demand, kept 30 days. */
export const EXPORTS_PREFIX = 'exports/';
export const EXPORTS_KEPT_DAYS = 30;

/**
 * The one bucket for listing photos, label sheets and exports. Nothing in it is public: the web app
 * reads it and streams each photo with its own cache headers (decision 030), so there is no
 * bucket policy for readers and no CloudFront.
 */
export class Storage extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Photo originals are the one copy of what a farmer uploaded: an overwrite or delete by a bug
      // must be undoable. Old versions go after 30 days, so versioning costs little.
      versioned: true,
      lifecycleRules: [
        { id: 'old-versions', noncurrentVersionExpiration: Duration.days(30) },
        { id: 'exports', prefix: EXPORTS_PREFIX, expiration: Duration.days(EXPORTS_KEPT_DAYS) },
        { id: 'incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      // The shop's photos outlive a stack deleted by mistake.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
