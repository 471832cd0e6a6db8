#!/usr/bin/env node
// Lint Cypher statements with Neo4j's own Cypher front end
// (@neo4j-cypher/language-support, the parser and semantic analysis behind Neo4j's
// editors), so the Cypher actorgraph sends to Neo4j is checked on machines with no server.
//
// stdin: a JSON array of statements, or an object
//   {"schema": {labels, relationshipTypes, propertyKeys}, "statements": [...]}
// where each statement is a string or {"statement": "...", "parameters": {name: example}}.
// A `$name` that is not among a statement's parameters is reported as an error, so pass
// the parameters the statement is meant to receive.
// stdout: a JSON array, one list of diagnostics per statement, in input order:
//   {"severity": "error"|"warning"|"information"|"hint", "message", "line", "column",
//    "start", "end"}  (line and column 1-based; start/end are character offsets).
// Exit status: 0 when the input was read (diagnostics may still contain errors), 2 otherwise.

import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const CYPHER_VERSION = 'CYPHER 5'; // docker-compose.yml runs neo4j:5-community
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
// Community edition without plugins: only the built-in procedures exist.
const BUILT_IN_PROCEDURE = /^(db|dbms|tx)\./;

// The package ships the function and procedure signatures of a real Neo4j 5 server
// (with plugins) as test data; keep only what a plain Neo4j 5 Community server has, so
// an unknown function (a Ladybug-only `label(n)`, an APOC call) is an error here too.
function builtInRegistry() {
  const functions = Object.fromEntries(
    Object.entries(testData.mockSchema.functions[CYPHER_VERSION]).filter(([, f]) => f.isBuiltIn),
  );
  const procedures = Object.fromEntries(
    Object.entries(testData.mockSchema.procedures[CYPHER_VERSION]).filter(([name]) =>
      BUILT_IN_PROCEDURE.test(name),
    ),
  );
  return {
    functions: { [CYPHER_VERSION]: functions },
    procedures: { [CYPHER_VERSION]: procedures },
  };
}

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function toDiagnostic(d) {
  return {
    severity: SEVERITY[d.severity] ?? String(d.severity),
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    start: d.offsets?.start ?? null,
    end: d.offsets?.end ?? null,
  };
}

function lintOne(item, base) {
  const { statement, parameters } =
    typeof item === 'string' ? { statement: item, parameters: {} } : item;
  if (typeof statement !== 'string') {
    throw new Error(`not a statement: ${JSON.stringify(item).slice(0, 80)}`);
  }
  const dbSchema = { ...base, parameters: parameters ?? {} };
  const { diagnostics } = lintCypherQuery(statement, dbSchema, { consoleCommandsEnabled: false });
  return diagnostics.map(toDiagnostic);
}

async function main() {
  let input;
  try {
    input = JSON.parse(await readStdin());
  } catch (err) {
    process.stderr.write(`cypher-lint: stdin is not JSON: ${err.message}\n`);
    process.exit(2);
  }
  const statements = Array.isArray(input) ? input : input.statements;
  const schema = Array.isArray(input) ? {} : (input.schema ?? {});
  if (!Array.isArray(statements)) {
    process.stderr.write('cypher-lint: expected an array of statements\n');
    process.exit(2);
  }
  const base = {
    ...builtInRegistry(),
    defaultLanguage: CYPHER_VERSION,
    ...(schema.labels ? { labels: schema.labels } : {}),
    ...(schema.relationshipTypes ? { relationshipTypes: schema.relationshipTypes } : {}),
    ...(schema.propertyKeys ? { propertyKeys: schema.propertyKeys } : {}),
  };
  try {
    process.stdout.write(JSON.stringify(statements.map((item) => lintOne(item, base))) + '\n');
  } catch (err) {
    process.stderr.write(`cypher-lint: ${err.message}\n`);
    process.exit(2);
  }
}

await main();
