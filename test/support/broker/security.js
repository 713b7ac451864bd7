'use strict';
/**
 * A secured broker: its users and listeners (SASL_PLAINTEXT, SSL, SASL_SSL), the server.properties
 * that set them up, and the handle tests use (listeners, CA file, the admin's tools and ACLs).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { runKafkaTool } = require('./tools');

/**
 * @typedef {object} SecurityOptions
 * @property {boolean} [sasl] a SASL_PLAINTEXT listener with SCRAM-SHA-512, SCRAM-SHA-256 and PLAIN (default true)
 * @property {boolean} [ssl] an SSL listener (and SASL_SSL when `sasl`) with certificates made here: a
 *   CA and a broker certificate it signs for 127.0.0.1 and localhost (default true)
 * @property {Array<{name: string, password: string}>} [users] client users: SCRAM credentials
 *   created at format time (`kafka-storage format --add-scram`), and the same passwords for PLAIN
 * @property {boolean} [acls] StandardAuthorizer, deny when no ACL matches; super users are the admin
 *   and ANONYMOUS (the plaintext controller listener's principal, hence also the SSL listener's,
 *   which asks for no client certificate) (default true)
 * @property {{name: string, password: string}} [admin] the broker's own user, a super user
 *   (default `admin` with a random password)
 */

/**
 * @typedef {object} SecurityHandle
 * @property {{SASL_PLAINTEXT?: string, SSL?: string, SASL_SSL?: string}} listeners bootstrap per listener
 * @property {string} caFile PEM of the CA that signed the broker certificate (for clients' `ca`)
 * @property {{name: string, password: string}} admin the super user
 * @property {Array<{name: string, password: string}>} users
 * @property {string} adminConfigFile client properties for Kafka's tools (`--command-config`), as the admin
 * @property {(args: string[], opts?: {timeoutMs?: number}) => Promise<import('./tools').ToolResult>} acls kafka-acls as the
 *   admin: `acls(['--add', '--allow-principal', 'User:alice', '--operation', 'Read', '--topic', 't'])`; throws on failure
 * @property {(mainClass: string, args: string[], opts?: {timeoutMs?: number}) => Promise<import('./tools').ToolResult>} runAdminTool
 *   any Kafka tool with `--bootstrap-server` and `--command-config` of the admin prepended
 */

const USER_NAME = /^[A-Za-z0-9_.-]+$/;
// Passwords go into JAAS strings and `--add-scram` values: no quotes, backslashes, commas, brackets.
const USER_PASSWORD = /^[A-Za-z0-9_.~!@#$%^&*+=:/?-]+$/;

/** @param {SecurityOptions} s */
function normalizeSecurity(s) {
  const admin = s.admin ?? { name: 'admin', password: `admin-${crypto.randomBytes(9).toString('hex')}` };
  const users = s.users ?? [];
  for (const u of [admin, ...users]) {
    if (!USER_NAME.test(u.name)) throw new Error(`security: user name ${JSON.stringify(u.name)} must match ${USER_NAME}`);
    if (!USER_PASSWORD.test(u.password)) throw new Error(`security: the password of ${u.name} must match ${USER_PASSWORD}`);
  }
  if (users.some((u) => u.name === admin.name)) throw new Error(`security: "${admin.name}" is the admin user`);
  const sasl = s.sasl !== false;
  const ssl = s.ssl !== false;
  if (!sasl && !ssl) throw new Error('security: at least one of sasl and ssl');
  return { sasl, ssl, acls: s.acls !== false, admin, users };
}

/** Names of the client listeners (each named after its security protocol). @param {ReturnType<typeof normalizeSecurity> | null} sec */
function listenerNames(sec) {
  if (!sec) return ['PLAINTEXT'];
  return [...(sec.sasl ? ['SASL_PLAINTEXT'] : []), ...(sec.ssl ? ['SSL'] : []), ...(sec.sasl && sec.ssl ? ['SASL_SSL'] : [])];
}

/**
 * server.properties of a secured broker.
 * @param {ReturnType<typeof normalizeSecurity>} sec @param {Record<string, number>} ports @param {number} controllerPort
 * @param {{keystore: string, password: string, caFile: string} | null} tlsFiles
 */
function securityProps(sec, ports, controllerPort, tlsFiles) {
  const names = listenerNames(sec);
  /** @type {Record<string, string>} */
  const props = {
    listeners: [...names.map((n) => `${n}://127.0.0.1:${ports[n]}`), `CONTROLLER://127.0.0.1:${controllerPort}`].join(','),
    'advertised.listeners': names.map((n) => `${n}://127.0.0.1:${ports[n]}`).join(','),
    'listener.security.protocol.map': ['CONTROLLER:PLAINTEXT', ...names.map((n) => `${n}:${n}`)].join(','),
    'inter.broker.listener.name': sec.sasl ? 'SASL_PLAINTEXT' : 'SSL',
  };
  if (sec.sasl) {
    const plainUsers = [sec.admin, ...sec.users].map((u) => `user_${u.name}="${u.password}"`).join(' ');
    props['sasl.enabled.mechanisms'] = 'SCRAM-SHA-512,SCRAM-SHA-256,PLAIN';
    props['sasl.mechanism.inter.broker.protocol'] = 'PLAIN';
    for (const l of names.filter((n) => n.startsWith('SASL_')).map((n) => n.toLowerCase())) {
      props[`listener.name.${l}.plain.sasl.jaas.config`] =
        `org.apache.kafka.common.security.plain.PlainLoginModule required username="${sec.admin.name}" password="${sec.admin.password}" ${plainUsers};`;
      props[`listener.name.${l}.scram-sha-512.sasl.jaas.config`] = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
      props[`listener.name.${l}.scram-sha-256.sasl.jaas.config`] = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
    }
  }
  if (tlsFiles) {
    Object.assign(props, {
      'ssl.keystore.type': 'PKCS12',
      'ssl.keystore.location': tlsFiles.keystore,
      'ssl.keystore.password': tlsFiles.password,
      'ssl.key.password': tlsFiles.password,
      'ssl.truststore.type': 'PEM',
      'ssl.truststore.location': tlsFiles.caFile,
      'ssl.client.auth': 'none',
    });
  }
  if (sec.acls) {
    props['authorizer.class.name'] = 'org.apache.kafka.metadata.authorizer.StandardAuthorizer';
    props['super.users'] = `User:${sec.admin.name};User:ANONYMOUS`;
    props['allow.everyone.if.no.acl.found'] = 'false';
  }
  return props;
}

/**
 * @param {ReturnType<typeof normalizeSecurity>} sec @param {Record<string, number>} ports
 * @param {{caFile: string} | null} tlsFiles @param {string} dataDir @param {string} version
 * @returns {SecurityHandle}
 */
function securityHandle(sec, ports, tlsFiles, dataDir, version) {
  /** @type {SecurityHandle['listeners']} */
  const listeners = {};
  for (const [name, p] of Object.entries(ports)) /** @type {any} */ (listeners)[name] = `127.0.0.1:${p}`;
  // The admin's tool connection: SASL_PLAINTEXT with PLAIN, or SSL (ANONYMOUS is a super user).
  const adminConfigFile = path.join(dataDir, 'admin-client.properties');
  const adminBootstrap = listeners.SASL_PLAINTEXT ?? /** @type {string} */ (listeners.SSL);
  fs.writeFileSync(
    adminConfigFile,
    (sec.sasl
      ? [
          'security.protocol=SASL_PLAINTEXT',
          'sasl.mechanism=PLAIN',
          `sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${sec.admin.name}" password="${sec.admin.password}";`,
        ]
      : ['security.protocol=SSL', 'ssl.truststore.type=PEM', `ssl.truststore.location=${tlsFiles?.caFile}`]
    ).join('\n') + '\n',
    { mode: 0o600 },
  );
  /** @type {SecurityHandle['runAdminTool']} */
  const runAdminTool = (mainClass, args, o = {}) =>
    runKafkaTool(mainClass, ['--bootstrap-server', adminBootstrap, '--command-config', adminConfigFile, ...args], { version, ...o });
  // kafka-acls moved from the core jar (kafka.admin) to kafka-tools in 4.0.
  const aclClass = /^[0-3]\./.test(version) ? 'kafka.admin.AclCommand' : 'org.apache.kafka.tools.AclCommand';
  return {
    listeners,
    caFile: tlsFiles ? tlsFiles.caFile : '',
    admin: sec.admin,
    users: sec.users,
    adminConfigFile,
    runAdminTool,
    async acls(args, o = {}) {
      const r = await runAdminTool(aclClass, args, o);
      if (r.code !== 0) throw new Error(`kafka-acls ${args.join(' ')} failed (${r.code}):\n${r.stdout}${r.stderr}`);
      return r;
    },
  };
}

module.exports = { normalizeSecurity, listenerNames, securityProps, securityHandle };
