// Preload for the reliability tests: every way Node has to reach the network throws, after writing one line
// to stderr and to the file named by TONGHOP_NETWORK_LOG (so that an attempt caught and hidden by the code
// under test is still seen).
"use strict";
const fs = require("fs");

function refuse(what) {
  const line = `NETWORK USE REFUSED: ${what}`;
  try {
    fs.writeSync(2, line + "\n");
    if (process.env.TONGHOP_NETWORK_LOG) fs.appendFileSync(process.env.TONGHOP_NETWORK_LOG, line + "\n");
  } catch {
    // Reporting must not hide the refusal itself.
  }
  throw new Error(line);
}

function block(mod, name, names) {
  const m = require(mod);
  for (const n of names) if (typeof m[n] === "function") m[n] = () => refuse(`${name}.${n}`);
  return m;
}

// A Unix socket or Windows pipe (a path, no host or port) stays on the machine: tsx's loader, which runs the
// command, looks for its parent process that way. Only TCP is refused.
const isLocal = (args) =>
  typeof args[0] === "string" ? !/^\d+$/.test(args[0]) : Boolean(args[0] && args[0].path);
const net = require("net");
for (const n of ["connect", "createConnection"]) {
  const original = net[n];
  net[n] = function (...args) {
    return isLocal(args) ? original.apply(this, args) : refuse(`net.${n}`);
  };
}
const socketConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const a = Array.isArray(args[0]) ? args[0] : args; // net's internal calls pass [options, callback]
  return isLocal(a) ? socketConnect.apply(this, args) : refuse("net.Socket.connect");
};
net.Server.prototype.listen = () => refuse("net.Server.listen");
block("tls", "tls", ["connect", "createSecureContext"]);
block("http", "http", ["request", "get"]);
block("https", "https", ["request", "get"]);
block("http2", "http2", ["connect"]);
block("dgram", "dgram", ["createSocket"]);
const dnsNames = ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCname", "resolveMx", "resolveNs", "resolveSrv", "resolveTxt", "reverse"];
block("dns", "dns", dnsNames);
const dns = require("dns");
if (dns.promises) for (const n of dnsNames) if (typeof dns.promises[n] === "function") dns.promises[n] = () => refuse(`dns.promises.${n}`);
for (const g of ["fetch", "WebSocket", "EventSource"]) {
  // A plain function, so that `new WebSocket(...)` reaches the refusal too.
  if (g in globalThis) globalThis[g] = function () { refuse(g); };
}
