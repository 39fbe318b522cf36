/**
 * Prints a development token for a server started with the default configuration:
 *   node dist/libs/security/src/token.cli.js --tenant T --roles r1,r2 [--party P] [--sub U] [--expires-in 8h]
 * Only the token goes to stdout; problems go to stderr with exit code 2.
 */
import { loadDevJwtKey, signDevToken } from './auth/dev-token';
import { isParty, isRole, PARTIES, ROLES, validatePrincipalClaims } from './auth/principal';

const USAGE =
  'usage: token --tenant T --roles r1,r2 [--party P] [--sub U] [--expires-in 8h]\n' +
  `  roles: ${ROLES.join(', ')}\n  parties: ${PARTIES.join(', ')} (required for handlaggare, beredning, system)`;

export interface TokenCliIo {
  env: NodeJS.ProcessEnv;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

export type ParsedArgs = { ok: true; options: Record<string, string> } | { ok: false; problems: string[] };

const KNOWN = ['tenant', 'roles', 'party', 'sub', 'expires-in'];

export function parseArgs(argv: string[]): ParsedArgs {
  const options: Record<string, string> = {};
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !KNOWN.includes(m[1])) {
      problems.push(`unknown argument ${JSON.stringify(arg.slice(0, 40))}`);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined || (m[2] === undefined && value.startsWith('--'))) {
      problems.push(`--${m[1]} needs a value`);
      if (value?.startsWith('--')) i--;
      continue;
    }
    if (m[1] in options) problems.push(`--${m[1]} given twice`);
    options[m[1]] = value;
  }
  if (!options.tenant) problems.push('--tenant is required');
  if (!options.roles) problems.push('--roles is required');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, options };
}

export async function main(argv: string[], io: TokenCliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stderr(USAGE);
    return argv.length === 1 ? 0 : 2;
  }
  const fail = (problems: string[]) => {
    for (const p of problems) io.stderr(`token: ${p}`);
    io.stderr(USAGE);
    return 2;
  };
  const parsed = parseArgs(argv);
  if (!parsed.ok) return fail(parsed.problems);
  const { tenant, roles: rolesArg, party, sub, 'expires-in': expiresIn } = parsed.options;

  const roles = rolesArg
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const problems: string[] = [];
  const unknownRoles = roles.filter((r) => !isRole(r));
  if (unknownRoles.length > 0) problems.push(`unknown role(s) ${unknownRoles.join(', ')}`);
  if (party !== undefined && !isParty(party)) problems.push(`unknown party ${party}`);
  if (problems.length > 0) return fail(problems);
  const checked = validatePrincipalClaims({ sub: sub ?? 'dev-user', tenant, roles, party });
  if (!checked.ok) return fail(checked.problems.map((p) => `claim ${p}`));

  if (io.env.NODE_ENV === 'production') {
    return fail(['development tokens are refused in production (NODE_ENV=production); use the OIDC issuer']);
  }
  try {
    const key = loadDevJwtKey({ env: io.env, warn: (m) => io.stderr(`token: ${m}`) });
    const token = await signDevToken(
      { tenant, roles: checked.principal.roles, party: checked.principal.party, sub, expiresIn },
      key,
    );
    io.stdout(token);
    return 0;
  } catch (err) {
    if (err instanceof TypeError) return fail([err.message]);
    io.stderr(`token: ${(err as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), {
    env: process.env,
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  }).then((code) => {
    process.exitCode = code;
  });
}
