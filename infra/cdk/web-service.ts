import {
  Duration,
  aws_certificatemanager as acm,
  aws_ec2 as ec2,
  aws_ecs as ecs,
  aws_elasticloadbalancingv2 as elbv2,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { WEB_PORT } from './task.ts';

export const HEALTH_CHECK_PATH = '/health';
/** Average CPU the web tasks are scaled to keep. */
export const WEB_CPU_TARGET_PERCENT = 60;

export type WebServiceProps = {
  cluster: ecs.ICluster;
  taskDefinition: ecs.FargateTaskDefinition;
  certificateArn: string;
  minTasks: number;
  maxTasks: number;
};

export type WebService = {
  service: ecs.FargateService;
  loadBalancer: elbv2.ApplicationLoadBalancer;
  targetGroup: elbv2.ApplicationTargetGroup;
};

/**
 * The web tasks in the private subnets behind an internet-facing load balancer: HTTPS with the
 * operator's ACM certificate, HTTP answered with a permanent redirect to HTTPS, tasks checked on
 * /health (200 only while the database answers) and scaled on CPU.
 */
export function webService(scope: Construct, props: WebServiceProps): WebService {
  const { cluster } = props;
  const service = new ecs.FargateService(scope, 'WebService', {
    cluster,
    taskDefinition: props.taskDefinition,
    desiredCount: props.minTasks,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    assignPublicIp: false,
    minHealthyPercent: 100,
    maxHealthyPercent: 200,
    circuitBreaker: { rollback: true },
    // Migrations run at start (web/server/main.ts) before /health answers.
    healthCheckGracePeriod: Duration.seconds(120),
  });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(scope, 'LoadBalancer', {
    vpc: cluster.vpc,
    internetFacing: true,
    vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    dropInvalidHeaderFields: true,
  });
  loadBalancer.addRedirect({ sourcePort: 80, sourceProtocol: elbv2.ApplicationProtocol.HTTP, targetPort: 443 });
  const https = loadBalancer.addListener('Https', {
    port: 443,
    protocol: elbv2.ApplicationProtocol.HTTPS,
    certificates: [acm.Certificate.fromCertificateArn(scope, 'Certificate', props.certificateArn)],
    sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
  });
  const targetGroup = https.addTargets('Web', {
    port: WEB_PORT,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targets: [service],
    healthCheck: { path: HEALTH_CHECK_PATH, healthyHttpCodes: '200', interval: Duration.seconds(15) },
    // The server gives requests under way 5 s when it stops (decision 029).
    deregistrationDelay: Duration.seconds(15),
  });
  const scaling = service.autoScaleTaskCount({ minCapacity: props.minTasks, maxCapacity: props.maxTasks });
  scaling.scaleOnCpuUtilization('Cpu', {
    targetUtilizationPercent: WEB_CPU_TARGET_PERCENT,
    scaleOutCooldown: Duration.minutes(2),
    scaleInCooldown: Duration.minutes(10),
  });
  return { service, loadBalancer, targetGroup };
}
