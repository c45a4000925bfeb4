import {
  AddThingToThingGroupCommand,
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreateThingCommand,
  DeleteCertificateCommand,
  DescribeEndpointCommand,
  DescribeThingCommand,
  DetachThingPrincipalCommand,
  IoTClient,
  ResourceNotFoundException,
  UpdateCertificateCommand,
} from '@aws-sdk/client-iot';
import { mockClient } from 'aws-sdk-client-mock';

export const ENDPOINT = 'a1b2c3d4e5f6g7-ats.iot.ap-southeast-1.amazonaws.com';
export const CERT_ID = 'f00d'.repeat(16);
export const CERT_ARN = `arn:aws:iot:ap-southeast-1:111122223333:cert/${CERT_ID}`;
export const CERT_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
export const PRIVATE_KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n';

export const notFound = (message: string) => new ResourceNotFoundException({ message, $metadata: {} });

/** AWS IoT as a fresh account with the stack deployed: every call succeeds, no thing exists yet. */
export function mockIot() {
  const iot = mockClient(IoTClient);
  iot.on(DescribeEndpointCommand).resolves({ endpointAddress: ENDPOINT });
  iot.on(DescribeThingCommand).rejects(notFound('Thing not found'));
  iot.on(CreateThingCommand).resolves({});
  iot.on(AddThingToThingGroupCommand).resolves({});
  iot.on(CreateKeysAndCertificateCommand).resolves({
    certificateArn: CERT_ARN,
    certificateId: CERT_ID,
    certificatePem: CERT_PEM,
    keyPair: { PublicKey: 'public', PrivateKey: PRIVATE_KEY },
  });
  iot.on(AttachPolicyCommand).resolves({});
  iot.on(AttachThingPrincipalCommand).resolves({});
  iot.on(DetachThingPrincipalCommand).resolves({});
  iot.on(UpdateCertificateCommand).resolves({});
  iot.on(DeleteCertificateCommand).resolves({});
  return iot;
}

export type IotMock = ReturnType<typeof mockIot>;

/** The commands sent, in order, by name without the `Command` suffix. */
export const sent = (iot: IotMock) =>
  iot.calls().map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ''));
