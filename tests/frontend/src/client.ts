// The API client as the web app builds it: Apollo Client 4, an InMemoryCache normalized by `id`,
// a bearer token added by a link, and one token refresh (then a retry) when the server answers
// UNAUTHENTICATED.
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { relayStylePagination } from "@apollo/client/utilities";
import { from, switchMap } from "rxjs";

import { LoginDocument, TokenRefreshDocument, type UserErrorFieldsFragment } from "../generated/graphql";
import { env } from "./env";

const SESSION_OPERATIONS = new Set(["Login", "TokenRefresh"]);

export interface Tokens {
  accessToken: string | null;
  refreshToken: string | null;
}

/** Every request the client sent, by operation name: proves a change came from the cache. */
export class Traffic {
  readonly operations: string[] = [];

  since(mark: number): string[] {
    return this.operations.slice(mark);
  }

  mark(): number {
    return this.operations.length;
  }
}

export interface Client {
  apollo: ApolloClient;
  cache: InMemoryCache;
  tokens: Tokens;
  traffic: Traffic;
}

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          // One cached list per filter/search/sort; pages are appended by fetchMore.
          customers: relayStylePagination(["where", "search", "sortBy"]),
          messages: relayStylePagination(["where"]),
          auditLog: relayStylePagination(["where"]),
          users: relayStylePagination(["where", "search", "sortBy"]),
          contacts: relayStylePagination(["where", "search", "sortBy"]),
          // The card reads a customer the list (or a mutation) already normalized.
          customer: {
            read(existing, { args, toReference }) {
              return existing ?? toReference({ __typename: "Customer", id: args?.["id"] as string });
            },
          },
        },
      },
      Customer: {
        fields: {
          auditLog: relayStylePagination(["where"]),
          contacts: relayStylePagination(["where", "search", "sortBy"]),
        },
      },
      // One settings object and one viewer per signed-in client: singletons in the cache.
      AccountSettings: { keyFields: [] },
      Viewer: { keyFields: [] },
    },
  });
}

export function createClient(tokens: Tokens = { accessToken: null, refreshToken: null }): Client {
  const traffic = new Traffic();
  const cache = createCache();
  const countingFetch: typeof fetch = async (input, init) => {
    const body = JSON.parse(String(init?.body)) as { operationName?: string };
    traffic.operations.push(body.operationName ?? "(anonymous)");
    return fetch(input, init);
  };
  const http = new HttpLink({ uri: `${env.apiUrl}/graphql`, fetch: countingFetch });
  // Sign-in and refresh go without the (possibly dead) access token.
  const auth = new SetContextLink((previous, operation) => ({
    headers: {
      ...(previous["headers"] as Record<string, string> | undefined),
      ...(tokens.accessToken && !SESSION_OPERATIONS.has(operation.operationName ?? "")
        ? { Authorization: `Bearer ${tokens.accessToken}` }
        : {}),
    },
  }));
  const client: Client = { apollo: undefined as unknown as ApolloClient, cache, tokens, traffic };
  const refreshOnce = new ErrorLink(({ error, operation, forward }) => {
    const unauthenticated =
      CombinedGraphQLErrors.is(error) &&
      error.errors.some((e) => e.extensions?.["code"] === "UNAUTHENTICATED");
    const retried = operation.getContext()["retried"] === true;
    if (
      !unauthenticated ||
      !tokens.refreshToken ||
      retried ||
      SESSION_OPERATIONS.has(operation.operationName ?? "")
    ) {
      return;
    }
    operation.setContext({ retried: true });
    return from(refresh(client)).pipe(switchMap(() => forward(operation)));
  });
  client.apollo = new ApolloClient({ cache, link: ApolloLink.from([refreshOnce, auth, http]) });
  return client;
}

/** Exchange the refresh token for a new pair (the old refresh token is spent). */
export async function refresh(client: Client): Promise<UserErrorFieldsFragment[]> {
  const { data } = await client.apollo.mutate({
    mutation: TokenRefreshDocument,
    variables: { refreshToken: client.tokens.refreshToken ?? "" },
  });
  const payload = data!.tokenRefresh;
  if (payload.accessToken) {
    client.tokens.accessToken = payload.accessToken;
    client.tokens.refreshToken = payload.refreshToken;
  }
  return payload.errors;
}

/** The sign-in form: its errors, or a client that sends the new token on every request. */
export async function logIn(
  email: string,
  password: string,
  client: Client = createClient(),
): Promise<{ client: Client; errors: UserErrorFieldsFragment[] }> {
  const { data } = await client.apollo.mutate({
    mutation: LoginDocument,
    variables: { input: { email, password } },
  });
  const payload = data!.login;
  client.tokens.accessToken = payload.accessToken;
  client.tokens.refreshToken = payload.refreshToken;
  return { client, errors: payload.errors };
}

export async function signedIn(who: { email: string; password: string }): Promise<Client> {
  const { client, errors } = await logIn(who.email, who.password);
  if (errors.length > 0) {
    throw new Error(`login failed: ${JSON.stringify(errors)}`);
  }
  return client;
}

/** A client signed in with an API key instead of a login (an integration, not a person). */
export function withApiKey(secret: string): Client {
  return createClient({ accessToken: secret, refreshToken: null });
}
