// Test-only (McpOAuthClientIT): the official MCP TypeScript SDK client, given only <base>/mcp, completes Rungu's
// OAuth flow and calls create_post. The "browser" is this script: it follows the authorization URL with the
// signed-in person's session cookie and approves on the consent API, as a person clicking Allow would.
// Usage: RUNGU_COOKIE='session=...' node client.mjs <base>/mcp <board-slug>
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';

const [mcpUrl, slug] = process.argv.slice(2);
const cookie = process.env.RUNGU_COOKIE;
const CLIENT_NAME = 'TypeScript SDK e2e client';
const REDIRECT = 'http://127.0.0.1:53682/callback';

let clientInformation;
let tokens;
let verifier;
let authorizationCode;
let expectedState;

const provider = {
  get redirectUrl() { return REDIRECT; },
  get clientMetadata() {
    return {
      client_name: CLIENT_NAME,
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  },
  state() { expectedState = crypto.randomUUID(); return expectedState; },
  clientInformation() { return clientInformation; },
  saveClientInformation(info) { clientInformation = info; },
  tokens() { return tokens; },
  saveTokens(t) { tokens = t; },
  saveCodeVerifier(v) { verifier = v; },
  codeVerifier() { return verifier; },
  async redirectToAuthorization(url) {
    const authorize = await fetch(url, { redirect: 'manual', headers: { Cookie: cookie } });
    if (authorize.status !== 302) throw new Error(`authorize answered ${authorize.status}: ${await authorize.text()}`);
    const consentPage = new URL(authorize.headers.get('location'), url);
    const body = { approve: true };
    for (const key of ['client_id', 'redirect_uri', 'code_challenge', 'code_challenge_method', 'scope', 'resource', 'state']) {
      const value = consentPage.searchParams.get(key);
      if (value !== null) body[key] = value;
    }
    const base = mcpUrl.replace(/\/mcp$/, '');
    const consent = await fetch(`${base}/api/oauth/consent`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!consent.ok) throw new Error(`consent answered ${consent.status}: ${await consent.text()}`);
    const back = new URL((await consent.json()).data.redirect);
    if (back.searchParams.get('state') !== expectedState) throw new Error('state mismatch');
    authorizationCode = back.searchParams.get('code');
  },
};

async function connect() {
  const client = new Client({ name: 'rungu-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
  try {
    await client.connect(transport);
    return client;
  } catch (e) {
    if (!(e instanceof UnauthorizedError) || !authorizationCode) throw e;
    await transport.finishAuth(authorizationCode);
    const again = new Client({ name: 'rungu-e2e', version: '1.0.0' });
    await again.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider }));
    return again;
  }
}

const client = await connect();
const result = await client.callTool({
  name: 'create_post',
  arguments: { slug, title: 'Filed through OAuth by the TypeScript SDK' },
});
console.log(JSON.stringify({ clientName: CLIENT_NAME, registered: !!clientInformation?.client_id,
  scope: tokens?.scope, isError: !!result.isError, result: result.structuredContent ?? result.content }));
await client.close();
