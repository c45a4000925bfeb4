import net from 'node:net';

// A tiny SMTP server for tests (RFC 5321's happy path: EHLO, MAIL, RCPT, DATA, QUIT, no TLS and no
// AUTH): it keeps what it received, and can be told to refuse mail with a temporary error.

export type ReceivedMail = { from: string; to: string[]; data: string };

export type FakeSmtp = {
  url: string;
  received: ReceivedMail[];
  /** While true, MAIL FROM is answered 451 (try again later). */
  refuse: boolean;
  close(): Promise<void>;
};

export async function startFakeSmtp(): Promise<FakeSmtp> {
  const state = { received: [] as ReceivedMail[], refuse: false };
  const server = net.createServer((socket) => {
    let buffer = '';
    let mail: ReceivedMail | null = null;
    let inData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 fake-smtp ready');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          if (mail) state.received.push({ ...mail, data: buffer.slice(0, end).replace(/\r\n\.\./g, '\r\n.') });
          buffer = buffer.slice(end + 5);
          inData = false;
          mail = null;
          reply('250 queued');
          continue;
        }
        const end = buffer.indexOf('\r\n');
        if (end < 0) return;
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 fake-smtp');
        else if (verb === 'MAIL') {
          if (state.refuse) reply('451 try again later');
          else {
            mail = { from: /<([^>]*)>/.exec(line)?.[1] ?? '', to: [], data: '' };
            reply('250 ok');
          }
        } else if (verb === 'RCPT') {
          mail?.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 ok');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 go ahead');
        } else if (verb === 'RSET') {
          mail = null;
          reply('250 ok');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('502 not implemented');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return Object.assign(state, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
