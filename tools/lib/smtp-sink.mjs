// A real SMTP server that keeps what it receives in memory and serves it as JSON over HTTP, for
// runs where the API sends real mail (tools/e2e.mjs: production mode with SMTP_URL pointing here)
// and for tests (tests/support/smtp-sink.ts). Plain Node, no build step.
//
//   GET    /messages?to=<address>  -> { data: SinkMessage[] }  newest first
//   DELETE /messages               -> 204, forgets everything
//
// SinkMessage: { id, from, to: string[], subject, text, html, date }
import http from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address().port);
    });
  });
}

function sameAddress(a, b) {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Starts the sink. Port 0 picks a free port; the chosen ones are returned.
 * `rejectRecipient(address)` returning true answers that RCPT TO with 550 (to test failures).
 *
 * @param {{ smtpPort?: number; httpPort?: number; host?: string; rejectRecipient?: (address: string) => boolean }} [options]
 */
export async function startSmtpSink(options = {}) {
  const host = options.host ?? "127.0.0.1";
  /** @type {{ id: number; from: string | null; to: string[]; subject: string | null; text: string | null; html: string | null; date: string }[]} */
  const messages = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    // A local test double: plain text, no authentication, quiet.
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    // Tests close it right after use; do not wait 30 s for idle clients.
    closeTimeout: 1_000,
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient?.(address.address)) {
        const error = Object.assign(new Error(`5.1.1 <${address.address}>: recipient rejected`), {
          responseCode: 550,
        });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            id: nextId++,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? null,
            text: parsed.text ?? null,
            html: typeof parsed.html === "string" ? parsed.html : null,
            date: new Date().toISOString(),
          });
          callback();
        })
        .catch((error) => callback(error));
    },
  });

  const web = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sink");
    if (url.pathname !== "/messages") {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    if (req.method === "DELETE") {
      messages.length = 0;
      res.writeHead(204).end();
      return;
    }
    if (req.method !== "GET") {
      res.writeHead(405, { allow: "GET, DELETE" }).end();
      return;
    }
    const to = url.searchParams.get("to");
    const data = messages
      .filter((m) => to === null || m.to.some((address) => sameAddress(address, to)))
      .toReversed();
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify({ data }));
  });

  let smtpPort;
  let httpPort;
  try {
    smtpPort = await listen(smtp.server, options.smtpPort ?? 0, host);
    httpPort = await listen(web, options.httpPort ?? 0, host);
  } catch (error) {
    smtp.server.close();
    web.close();
    throw error;
  }

  return {
    smtpPort,
    httpPort,
    smtpUrl: `smtp://${host}:${smtpPort}`,
    httpUrl: `http://${host}:${httpPort}`,
    /** Received messages, oldest first (a copy). */
    messages: () => messages.map((m) => ({ ...m, to: [...m.to] })),
    clear() {
      messages.length = 0;
    },
    close() {
      return Promise.all([
        new Promise((resolve) => smtp.close(() => resolve(undefined))),
        new Promise((resolve) => {
          web.closeAllConnections();
          web.close(() => resolve(undefined));
        }),
      ]).then(() => undefined);
    },
  };
}
