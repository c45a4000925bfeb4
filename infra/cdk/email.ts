import { CfnOutput, aws_iam as iam, aws_ses as ses } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * The SES identity order mail is sent from: the shop's domain, signed with Easy DKIM. The stack
 * outputs the three DKIM CNAME records for the domain's DNS (no Route 53 lookup: synth stays
 * offline and the DNS may live anywhere). SES verifies the domain once they resolve.
 */
export class Email extends Construct {
  readonly identity: ses.EmailIdentity;

  constructor(scope: Construct, id: string, props: { domain: string }) {
    super(scope, id);
    this.identity = new ses.EmailIdentity(this, 'Domain', { identity: ses.Identity.domain(props.domain) });
    const records = [
      [this.identity.dkimDnsTokenName1, this.identity.dkimDnsTokenValue1],
      [this.identity.dkimDnsTokenName2, this.identity.dkimDnsTokenValue2],
      [this.identity.dkimDnsTokenName3, this.identity.dkimDnsTokenValue3],
    ] as const;
    records.forEach(([name, value], i) => {
      new CfnOutput(scope, `DkimRecord${i + 1}`, { value: `${name} CNAME ${value}` });
    });
  }

  /** Lets `grantee` send mail through SES from this identity, and from nothing else. */
  grantSend(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [this.identity.emailIdentityArn],
      }),
    );
  }
}
