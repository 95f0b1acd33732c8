import os from 'node:os';
import { interpolate, secretsInEnvironment } from '../../src/config/interpolate';
import { runCli } from '../../src/shell/cli';
import { masker } from '../../src/compose';
import { endpointUrl } from '../../src/template';

describe('masker', () => {
  it('masks the secrets it is given, and the credentials of every URL in the text', () => {
    const mask = masker(['dapi-0123456789']);
    expect(mask('token dapi-0123456789 used')).toBe('token *** used');
    expect(mask('registered v5 (http://user:s3cret@127.0.0.1:8080/) and https://ghp_token@github.com/o/r.git')).toBe(
      'registered v5 (http://***@127.0.0.1:8080/) and https://***@github.com/o/r.git',
    );
  });

  it('leaves URLs without credentials, and @ signs elsewhere, as they are', () => {
    const text = 'see http://127.0.0.1:8080/path@v2 or mail ops@example.com; git@github.com:o/r.git';
    expect(masker([])(text)).toBe(text);
  });
});

describe('endpointUrl', () => {
  it('joins a source registered with a trailing slash without a double slash', () => {
    expect(endpointUrl('{{source}}/v1/chat/completions', { version: '2', model: 'm', source: 'http://agent:8080/' }, 'x')).toBe('http://agent:8080/v1/chat/completions');
    expect(endpointUrl('{{source}}', { version: '2', model: 'm', source: 'http://agent:8080/base/' }, 'x')).toBe('http://agent:8080/base/');
  });
});

describe('secret-looking variables of the environment', () => {
  it('are masked in whatever the CLI prints, though the config never names them; short values (USE_TOKEN=true) are not', async () => {
    const secret = 'sk-live-0123456789abcdef';
    let out = '';
    const env = { MY_SECRET_TOKEN: secret, USE_TOKEN: 'true', PATH: process.env.PATH };
    const code = await runCli(['gate', '--model-version', '1', '--config', `${secret}.yml`], { stdout: (t) => (out += t), stderr: (t) => (out += t), env, cwd: os.tmpdir() });
    expect(code).toBe(2);
    expect(out).toContain('config file ***.yml not found');
    expect(out).not.toContain(secret);
    expect(secretsInEnvironment(env)).toEqual([secret]);
  });
});

describe('secret-looking names', () => {
  it('cover the usual spellings of passwords, keys and tokens, and not the shell\'s own variables', () => {
    const value = 'hunter2-prod-0123';
    for (const name of ['DB_PASS', 'DB_PWD', 'MY_PASSPHRASE', 'DEPLOY_KEY', 'AWS_ACCESS_KEY_ID', 'GH_PAT', 'AUTH_HEADER', 'SESSION_COOKIE', 'BEARER', 'API_TOKEN', 'CLIENT_SECRET']) {
      expect([name, secretsInEnvironment({ [name]: value })]).toEqual([name, [value]]);
    }
    for (const name of ['PWD', 'OLDPWD', 'PATH', 'MONKEY_BUSINESS', 'AUTHOR_NAME', 'BYPASS_CACHE', 'HOME', 'DATABRICKS_AUTH_TYPE', 'SSH_AUTH_SOCK']) {
      expect([name, secretsInEnvironment({ [name]: value })]).toEqual([name, []]);
    }
  });
});

describe('a secret an agent echoes back from a URL', () => {
  it('is masked as the URL parser encoded it into the query (space escaped; / + = kept) and as encodeURIComponent would', () => {
    const secret = 'tok en/Secret+77=';
    const sent = new URL(`http://agent/v1?api_key=${secret}`).href;
    expect(sent).toContain('api_key=tok%20en/Secret+77=');
    const mask = masker([secret]);
    expect(mask(`401 for ${sent}`)).toBe('401 for http://agent/v1?api_key=***');
    expect(mask(`form: api_key=${encodeURIComponent(secret)}`)).toBe('form: api_key=***');
  });
});

describe('a secret inside JSON', () => {
  it('is masked in its escaped form too, so --json does not print one holding a quote or a backslash', () => {
    const secret = '{"message":"boom"}\\x';
    const mask = masker([secret]);
    expect(mask(JSON.stringify({ error: `agent said ${secret}` }))).toBe(JSON.stringify({ error: 'agent said ***' }));
    expect(mask(`raw ${secret}`)).toBe('raw ***');
  });
});

describe('a secret in JSON inside JSON', () => {
  it('is masked at every level of escaping, up to three', () => {
    const secret = 's3cr"et\\pa';
    const mask = masker([secret]);
    const inner = JSON.stringify({ error: { message: `bad key ${secret}` } });
    const twice = JSON.stringify({ reasons: [`agent said ${inner}`] });
    expect(mask(twice)).not.toContain('s3cr');
    expect(JSON.parse(JSON.parse(mask(twice)).reasons[0].slice('agent said '.length)).error.message).toBe('bad key ***');
  });
});

describe('a secret a server echoes back as it was sent', () => {
  it('is masked percent-encoded (a URL), form-encoded and base64 (a Basic header) too', () => {
    const secret = 'sk/live+Tok"en=\\Zq9 x';
    const mask = masker([secret]);
    expect(mask(`401 for /v1?api_key=${encodeURIComponent(secret)}&x=1`)).toBe('401 for /v1?api_key=***&x=1');
    expect(mask(`body api_key=${encodeURIComponent(secret).replace(/%20/g, '+')}`)).toBe('body api_key=***');
    expect(mask(`authorization: Basic ${Buffer.from(secret).toString('base64')}`)).toMatch(/^authorization: Basic \*\*\*=*$/);
    expect(mask(`token ${Buffer.from(secret).toString('base64url')}`)).toBe('token ***');
  });
});

describe('${…} the config does not fill in', () => {
  it('passes bash\'s own expansions through to the command, and refuses only a ${ never closed or with a space after it', () => {
    const run = (text: string) => interpolate({ deploy: text }, { NAME: 'x' }, (p) => `f:${p.join('.')}`).value;
    expect(run("bash -c 'echo ${AGENT_RELEASE_VERSION:?none} ${#HOME} ${HOME%/*}' ${NAME}")).toEqual({ deploy: "bash -c 'echo ${AGENT_RELEASE_VERSION:?none} ${#HOME} ${HOME%/*}' x" });
    expect(() => run('${UNSET_AD')).toThrow('f:deploy: "${UNSET_AD" has a ${ that does not start a variable');
    expect(() => run('http://a/${ HOME }/v1')).toThrow('has a ${ that does not start a variable');
    expect(run('$${ literal')).toEqual({ deploy: '${ literal' });
  });
});
