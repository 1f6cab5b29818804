// Waiting for what happens later: background sends, and a watched query's next result.
import type { ApolloClient, ObservableQuery, OperationVariables } from "@apollo/client";

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A watchQuery as a screen holds it: every complete result it emitted, newest last. */
export class Watched<TData, TVariables extends OperationVariables> {
  readonly results: TData[] = [];
  private readonly subscription: { unsubscribe(): void };

  constructor(readonly query: ObservableQuery<TData, TVariables>) {
    this.subscription = query.subscribe((result) => {
      if (result.dataState === "complete") {
        this.results.push(result.data as TData);
      }
    });
  }

  get latest(): TData | undefined {
    return this.results.at(-1);
  }

  /** Wait until the screen's current result satisfies `accept`. */
  async settles(what: string, accept: (data: TData) => boolean): Promise<TData> {
    return until(
      what,
      async () => {
        const latest = this.latest;
        return latest !== undefined && accept(latest) ? latest : undefined;
      },
      5_000,
    );
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

export function watch<TData, TVariables extends OperationVariables>(
  client: ApolloClient,
  options: ApolloClient.WatchQueryOptions<TData, TVariables>,
): Watched<TData, TVariables> {
  return new Watched(client.watchQuery(options));
}
