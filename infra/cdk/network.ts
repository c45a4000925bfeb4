import { aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * Two availability zones, each with three tiers: public (the load balancer and the NAT gateway),
 * private with egress (the tasks: they reach Stripe, Zalo, SES, AWS IoT and ECR through the NAT
 * gateway) and isolated (the database: no route out or in).
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      // Two zones without asking EC2 which exist: offline synth, any region (all have at least 2).
      maxAzs: 2,
      // One NAT gateway, not one per zone: ~$33 a month each. If its zone fails, the tasks in the
      // other zone lose the internet (payments, mail) until it is back; the shop still serves.
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'services', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'database', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    // S3 without the NAT gateway's per-gigabyte charge (photos are the bulk of the traffic).
    this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  }
}
