import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { DeliveryError } from './http';

const TIMEOUT_MS = 10_000;

/**
 * Sends one syslog message. UDP: one datagram, no acknowledgement beyond the socket accepting it.
 * TCP (RFC 6587): RFC 5424 messages with octet counting (`LEN SP MSG`), RFC 3164 ones ended by LF;
 * delivered once the receiver has the bytes and the connection closed cleanly.
 */
export function sendSyslog(settings: { host: string; port: number; transport: 'udp' | 'tcp'; format: 'rfc5424' | 'rfc3164' }, line: string): Promise<void> {
  return settings.transport === 'udp' ? sendUdp(settings.host, settings.port, line) : sendTcp(settings.host, settings.port, frame(line, settings.format));
}

export function frame(line: string, format: 'rfc5424' | 'rfc3164'): Buffer {
  const body = Buffer.from(line, 'utf8');
  return format === 'rfc5424' ? Buffer.concat([Buffer.from(`${body.length} `), body]) : Buffer.concat([body, Buffer.from('\n')]);
}

function sendUdp(host: string, port: number, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    socket.once('error', (error) => {
      socket.close();
      reject(new DeliveryError(`syslog udp ${host}:${port}: ${error.message}`));
    });
    socket.send(Buffer.from(line, 'utf8'), port, host, (error) => {
      socket.close();
      if (error) reject(new DeliveryError(`syslog udp ${host}:${port}: ${error.message}`));
      else resolve();
    });
  });
}

function sendTcp(host: string, port: number, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (message: string) => {
      socket.destroy();
      reject(new DeliveryError(`syslog tcp ${host}:${port}: ${message}`));
    };
    socket.setTimeout(TIMEOUT_MS, () => fail('timed out'));
    socket.once('error', (error) => fail(error.message));
    socket.once('connect', () => socket.end(data));
    socket.once('close', (hadError) => {
      if (!hadError) resolve();
    });
  });
}
