import {
  Duration,
  aws_cloudwatch as cw,
  aws_cloudwatch_actions as actions,
  aws_elasticloadbalancingv2 as elbv2,
  aws_logs as logs,
  aws_rds as rds,
  aws_sns as sns,
  aws_sns_subscriptions as subs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * The metric ingest publishes (as a CloudWatch Embedded Metric Format log line on stdout, which
 * needs no permission): once a minute, the age in seconds of the oldest report ingest has received
 * from AWS IoT and not yet committed to PostgreSQL, 0 when nothing waits.
 */
export const INGEST_LAG = { namespace: 'Seedline', metricName: 'IngestLagSeconds' } as const;
/** Counted from the worker's log by metric filters: outbox messages given up after their last attempt. */
export const GIVEN_UP = { namespace: 'Seedline', metricName: 'OutboxMessagesGivenUp' } as const;
export const INGEST_LAG_ALARM_SECONDS = 300;
export const ALB_5XX_ALARM_PERCENT = 5;

export type AlarmsProps = {
  alarmEmail: string;
  loadBalancer: elbv2.ApplicationLoadBalancer;
  targetGroup: elbv2.ApplicationTargetGroup;
  database: rds.DatabaseInstance;
  workerLogs: logs.ILogGroup;
  /** Ingest runs: a silent lag metric then means ingest is down, not idle. */
  ingestRuns: boolean;
};

/** What a co-op's operator is emailed about, each alarm saying what to look at first. */
export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Seedline alarms' });
    this.topic.addSubscription(new subs.EmailSubscription(props.alarmEmail));
    const alarm: AlarmMaker = (name, props) => {
      const made = new cw.Alarm(this, name, props);
      made.addAlarmAction(new actions.SnsAction(this.topic));
      made.addOkAction(new actions.SnsAction(this.topic));
    };
    const lb = props.loadBalancer.metrics;
    alarm('Web5xx', {
      alarmDescription: `More than ${ALB_5XX_ALARM_PERCENT}% of requests failed with 5xx for 10 minutes: read the web log group, then the database alarms.`,
      metric: new cw.MathExpression({
        expression: '100 * (elb + target) / MAX([requests, 1])',
        usingMetrics: {
          elb: lb.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { statistic: 'Sum' }),
          target: lb.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { statistic: 'Sum' }),
          requests: lb.requestCount({ statistic: 'Sum' }),
        },
        period: Duration.minutes(5),
      }),
      threshold: ALB_5XX_ALARM_PERCENT,
      evaluationPeriods: 2,
      // No requests is no failure (a quiet night).
      treatMissingData: cw.TreatMissingData.NOT_BREACHING,
    });
    alarm('WebDown', {
      alarmDescription: 'No web task passes /health: the shop is down. Read the web log group (database unreachable?).',
      metric: props.targetGroup.metrics.healthyHostCount({ period: Duration.minutes(1), statistic: 'Minimum' }),
      threshold: 1,
      comparisonOperator: cw.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: cw.TreatMissingData.BREACHING,
    });
    this.ingestLag(alarm, props.ingestRuns);
    this.database(alarm, props.database);
    this.givenUp(alarm, props.workerLogs);
  }

  private ingestLag(alarm: AlarmMaker, ingestRuns: boolean) {
    alarm('IngestLag', {
      alarmDescription: `Reports from the greenhouses have waited more than ${INGEST_LAG_ALARM_SECONDS / 60} minutes to be stored, or ingest stopped reporting: read the ingest log group.`,
      metric: new cw.Metric({ ...INGEST_LAG, statistic: 'Maximum', period: Duration.minutes(1) }),
      threshold: INGEST_LAG_ALARM_SECONDS,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      // Ingest reports every minute, 0 when idle: silence is ingest down. Until ingest is deployed
      // (ingestTasks 0) silence is expected.
      treatMissingData: ingestRuns ? cw.TreatMissingData.BREACHING : cw.TreatMissingData.NOT_BREACHING,
    });
  }

  private database(alarm: AlarmMaker, database: rds.DatabaseInstance) {
    alarm('DatabaseCpu', {
      alarmDescription:
        'PostgreSQL CPU above 80% for 15 minutes: look at Performance of the RDS console; a larger instance class may be due.',
      metric: database.metricCPUUtilization({ period: Duration.minutes(5) }),
      threshold: 80,
      evaluationPeriods: 3,
      treatMissingData: cw.TreatMissingData.BREACHING,
    });
    alarm('DatabaseStorage', {
      alarmDescription:
        'PostgreSQL has under 2 GiB free: storage grows by itself to 100 GiB, then stops; raise maxAllocatedStorage or lower INGEST_RAW_RETENTION_DAYS.',
      metric: database.metricFreeStorageSpace({ period: Duration.minutes(5), statistic: 'Minimum' }),
      threshold: 2 * 1024 ** 3,
      comparisonOperator: cw.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cw.TreatMissingData.BREACHING,
    });
  }

  private givenUp(alarm: AlarmMaker, workerLogs: logs.ILogGroup) {
    // The outboxes log one line per round that did anything (web/app/orders/email-outbox.server.ts,
    // web/app/notify/outbox.server.ts), e.g. "Email outbox (smtps://email-smtp.…:465): 0 sent, 1 to
    // retry, 2 given up" and "Notifications: 3 sent, 0 to retry, 1 given up". The count before
    // "given up" is the metric.
    const filters = [
      ['EmailGivenUp', outboxPattern(['email', 'outbox', 'transport'])],
      ['NotificationsGivenUp', outboxPattern(['notifications'])],
    ] as const;
    for (const [id, pattern] of filters) {
      new logs.MetricFilter(this, id, {
        logGroup: workerLogs,
        filterPattern: pattern,
        metricNamespace: GIVEN_UP.namespace,
        metricName: GIVEN_UP.metricName,
        metricValue: '$failed',
        defaultValue: 0,
      });
    }
    alarm('OutboxGivenUp', {
      alarmDescription:
        'An email or an alarm notice was given up after its last attempt: its row has status FAILED and lastError; check SMTP_URL and the Zalo token.',
      metric: new cw.Metric({ ...GIVEN_UP, statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cw.TreatMissingData.NOT_BREACHING,
    });
  }
}

type AlarmMaker = (name: string, props: cw.AlarmProps) => void;

/**
 * A space-delimited pattern for "<lead words…> <n> sent, <n> to retry, <n> given up" with more
 * than 0 given up; `lead` names the fields before the counts (the first ones are matched as words).
 */
export function outboxPattern(lead: readonly string[]): logs.IFilterPattern {
  const fields = [...lead, 'sent', 'sentWord', 'retrying', 'to', 'retryWord', 'failed', 'given', 'up'];
  let pattern = logs.FilterPattern.spaceDelimited(...fields)
    .whereNumber('failed', '>', 0)
    .whereString('given', '=', 'given')
    .whereString('up', '=', 'up');
  if (lead[0] === 'email') pattern = pattern.whereString('email', '=', 'Email').whereString('outbox', '=', 'outbox');
  else pattern = pattern.whereString('notifications', '=', 'Notifications:');
  return pattern;
}
