import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap, useTokenSource } from '../api/client';
import { principalFromToken, type Principal } from './principal';

/** How the service wants users to sign in: development tokens, or the organisation's OIDC provider. */
export type SignInConfig =
  { mode: 'dev' } | { mode: 'oidc'; issuer: string; clientId: string; scope: string };

export interface Session {
  token: string;
  principal: Principal;
  /** Shown in the header: the demo user's name, or the name the identity provider gives. */
  displayName: string;
}

interface AuthContextValue {
  config: SignInConfig | undefined;
  session: Session | undefined;
  /** Why the last session ended, when it ended by itself (expired, refused). */
  ended: boolean;
  signInAsDevUser(userId: string, displayName: string): Promise<void>;
  signInWithOidc(): Promise<void>;
  /** The OIDC provider's answer on the redirect page. */
  completeOidcSignIn(): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | undefined>(undefined);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; screens below the sign-in gate always have one. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session');
  return session;
}

export const OIDC_CALLBACK_PATH = '/inloggning/klar';

// Renew a development token this long before it expires.
const DEV_RENEW_MARGIN_MS = 5 * 60_000;

/**
 * Keeps the signed-in user's token in memory only (never in browser storage), renews it before it
 * expires and hands it to the API client.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [config, setConfig] = useState<SignInConfig>();
  const [session, setSession] = useState<Session>();
  const [ended, setEnded] = useState(false);
  const sessionRef = useRef<Session | undefined>(undefined);
  sessionRef.current = session;
  const managerRef = useRef<UserManager | undefined>(undefined);
  const devRenewal = useRef<number | undefined>(undefined);

  const end = useCallback(
    (byItself: boolean) => {
      window.clearTimeout(devRenewal.current);
      setSession(undefined);
      setEnded(byItself);
      queryClient.clear();
    },
    [queryClient],
  );

  useTokenSource(
    () => sessionRef.current?.token,
    () => {
      if (sessionRef.current) end(true);
    },
  );

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const answer = await fetch('/api/v1/auth/config').then((r) => r.json() as Promise<SignInConfig>);
      if (cancelled) return;
      if (answer.mode === 'oidc') {
        const manager = new UserManager({
          authority: answer.issuer,
          client_id: answer.clientId,
          redirect_uri: `${window.location.origin}${OIDC_CALLBACK_PATH}`,
          silent_redirect_uri: `${window.location.origin}${OIDC_CALLBACK_PATH}`,
          post_logout_redirect_uri: `${window.location.origin}/`,
          response_type: 'code',
          scope: answer.scope,
          automaticSilentRenew: true,
          // Tokens and the user's profile stay in memory; only the short-lived sign-in state
          // (PKCE verifier, nonce) crosses the redirect, in session storage, and is removed after.
          userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
        });
        const adopt = (user: User | null) => {
          if (!user || user.expired) return;
          const token = user.access_token;
          const principal = principalFromToken(token);
          if (!principal) return;
          setSession({ token, principal, displayName: user.profile.name ?? principal.sub });
          setEnded(false);
        };
        manager.events.addUserLoaded(adopt);
        manager.events.addAccessTokenExpired(() => end(true));
        manager.events.addSilentRenewError(() => end(true));
        managerRef.current = manager;
      }
      setConfig(answer);
    })().catch(() => setConfig({ mode: 'dev' }));
    return () => {
      cancelled = true;
    };
  }, [end]);

  const signInAsDevUser = useCallback(
    async (userId: string, displayName: string) => {
      const renew = async () => {
        const answer = await unwrap(api.POST('/api/v1/dev/token', { body: { userId } }));
        const principal = principalFromToken(answer.token);
        if (!principal) throw new Error('token');
        setSession({ token: answer.token, principal, displayName });
        setEnded(false);
        const renewIn = Math.max(
          new Date(answer.expiresAt).getTime() - Date.now() - DEV_RENEW_MARGIN_MS,
          60_000,
        );
        window.clearTimeout(devRenewal.current);
        devRenewal.current = window.setTimeout(() => void renew().catch(() => end(true)), renewIn);
      };
      await renew();
    },
    [end],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      config,
      session,
      ended,
      signInAsDevUser,
      async signInWithOidc() {
        await managerRef.current?.signinRedirect();
      },
      async completeOidcSignIn() {
        const manager = managerRef.current;
        if (!manager) return;
        const user = await manager.signinCallback();
        if (user) {
          const principal = principalFromToken(user.access_token);
          if (principal)
            setSession({
              token: user.access_token,
              principal,
              displayName: user.profile.name ?? principal.sub,
            });
        }
      },
      async signOut() {
        const manager = managerRef.current;
        end(false);
        if (manager) {
          const user = await manager.getUser();
          await manager.removeUser();
          if (user?.id_token) await manager.signoutRedirect({ id_token_hint: user.id_token });
        }
      },
    }),
    [config, session, ended, signInAsDevUser, end],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
