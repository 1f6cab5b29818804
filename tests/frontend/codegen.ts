// Types for the suite's GraphQL documents, checked against the committed schema. The output is
// generated before every run (never committed): schema.graphql is the checked artefact, and the
// TypeScript follows from it and the documents. pending/ waits for operations not yet in the schema.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../schema.graphql",
  documents: ["operations/**/*.graphql"],
  generates: {
    "generated/graphql.ts": {
      // typescript-operations 6 writes the enums and inputs the operations use itself, so the
      // `typescript` plugin (every schema type) is not needed and would clash with it.
      plugins: ["typescript-operations", "typed-document-node"],
      config: {
        strictScalars: true,
        scalars: {
          Date: "string",
          DateTime: "string",
          Decimal: "string",
          JSON: "unknown",
        },
        useTypeImports: true,
      },
    },
  },
};

export default config;
