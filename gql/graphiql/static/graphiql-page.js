// Switchboard's GraphiQL page: GraphiQL with the explorer plugin, sending queries to the URL the
// page was loaded from. Kept out of the HTML so the page runs under `script-src 'self'`.
(function () {
  "use strict";

  const WELCOME = `# Switchboard GraphiQL
#
# 1. Log in (\`serve --demo\` prints a login):
#
# mutation Login {
#   login(input: {email: "...", password: "..."}) {
#     accessToken
#     errors { code message }
#   }
# }
#
# 2. In Headers below, send the token:
#    {"Authorization": "Bearer <accessToken>"}
#
# 3. Ask, e.g.:
#
# query Customers {
#   customers(first: 10) {
#     totalCount
#     edges { node { id name } }
#   }
# }
#
# Run: Ctrl-Enter. Complete: Ctrl-Space.
# The explorer (sidebar) builds queries by clicking.
`;

  const endpoint = window.location.href.split(/[?#]/)[0];
  const fetcher = GraphiQL.createFetcher({ url: endpoint });
  const explorer = GraphiQLPluginExplorer.explorerPlugin();

  function Page() {
    return React.createElement(GraphiQL, {
      fetcher: fetcher,
      plugins: [explorer],
      defaultQuery: WELCOME,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      inputValueDeprecation: true,
    });
  }

  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(Page));
})();
