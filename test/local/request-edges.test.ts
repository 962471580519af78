/**
 * The edges of a request on one machine, as API Gateway would meet them: a path whose
 * percent-encoding is malformed is a 400 naming the path (the form answers its own page, the API
 * JSON, static files JSON), never a 500 and never the path echoed; a body over API Gateway's 10 MB
 * is a 413 with the connection closed, and the next request, on a fresh connection, is served.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { havenForSuite } from '../support/runtime.js';

/** One request with the path sent exactly as given (no URL parser tidies it); answers status, headers and body. */
function rawRequest(base: string, method: string, path: string, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(base);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ hostname, port, method, path, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Sends `head` and then `bodyBytes` of body on one raw connection, stopping when the server closes it;
 * answers what came back and whether the server closed the connection (seen as its end).
 */
function oversizeRequest(base: string, head: string, bodyBytes: number, chunked: boolean) {
  const { hostname, port } = new URL(base);
  return new Promise<{ answer: string; closedByServer: boolean }>((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    let closedByServer = false;
    socket.on('data', (d) => (answer += d.toString('latin1')));
    // The server's FIN: everything it will send has come; the client closes its side too.
    socket.on('end', () => {
      closedByServer = true;
      socket.destroy();
    });
    // Writes after the server has closed fail (EPIPE, ECONNRESET): expected once the 413 is sent.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ answer, closedByServer }));
    socket.on('connect', async () => {
      socket.write(head);
      const chunk = Buffer.alloc(256 * 1024, 'a');
      for (let sent = 0; sent < bodyBytes && !socket.destroyed && !closedByServer; sent += chunk.length) {
        const piece = chunked
          ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
          : chunk;
        if (!socket.write(piece))
          await new Promise((r) => {
            socket.once('drain', r);
            socket.once('end', r);
            socket.once('close', r);
          });
      }
    });
  });
}

describe('npm start: malformed percent-encoding and over-size bodies', () => {
  const haven = havenForSuite();

  it.each(['/wrekin/report/%E0%A4%A', '/wrekin/report/%', '/wrekin/report%ZZ'])(
    'the public form answers %s with its own 400 page, the path not echoed',
    async (path) => {
      // Act
      const res = await rawRequest(haven.url, 'GET', path);

      // Assess
      expect(res.status).toBe(400);
      expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
      expect(res.body).toContain('Exit this page');
      expect(res.body).toContain('Page not found');
      expect(res.body).not.toMatch(/%E0|%ZZ|report\/%/);
    },
  );

  it('a static path with a malformed %-encoding is a 400 naming the path', async () => {
    // Act
    const res = await rawRequest(haven.url, 'GET', '/console/%E0%A4%A');

    // Assess
    expect([res.status, JSON.parse(res.body)]).toEqual([
      400,
      { error: 'invalid path', fields: [{ field: 'path', problem: expect.stringContaining('percent-encoding') }] },
    ]);
  });

  it('the staff API answers a case path with a malformed %-encoding 400 naming the path, for a read and a command', async () => {
    // Prepare
    const signIn = await fetch(haven.signInLink('wrekin', 'manager'), { redirect: 'manual' });
    const cookie = (signIn.headers.get('set-cookie') as string).split(';')[0] as string;

    // Act
    const read = await rawRequest(haven.url, 'GET', '/wrekin/api/cases/%E0%A4%A', { cookie });
    const command = await rawRequest(haven.url, 'POST', '/wrekin/api/cases/abc-12345/%ZZ', {
      cookie,
      'content-type': 'application/json',
    });

    // Assess
    for (const res of [read, command]) {
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({
        error: 'invalid path',
        fields: [{ field: 'path', problem: expect.stringContaining('percent-encoding') }],
      });
      expect(res.body).not.toMatch(/%E0|%ZZ/);
    }
  });

  it.each([
    ['declared by Content-Length', false],
    ['sent chunked', true],
  ])(
    'a body over 10 MB %s is a 413 with Connection: close; the connection is closed and the next request served',
    async (_how, chunked) => {
      // Prepare
      const size = 11 * 1024 * 1024;
      const length = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${size}`;
      const head = `POST /wrekin/api/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${length}\r\n\r\n`;

      // Act
      const { answer, closedByServer } = await oversizeRequest(haven.url, head, size, chunked);
      const next = await fetch(`${haven.url}/health`);

      // Assess
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer.toLowerCase()).toContain('\r\nconnection: close\r\n');
      expect(answer.match(/HTTP\/1\.1 /g)).toHaveLength(1);
      expect(closedByServer).toBe(true);
      expect(next.status).toBe(200);
    },
  );
});
