// GraphiQL as a person uses it, with every request that leaves the server blocked: load the
// page, open the explorer, log in through the editor, put the token in the headers pane, list
// customers. Prints one JSON report on stdout; exits 1 when a check fails.
//
//   LOGIN_EMAIL=E LOGIN_PASSWORD=P node graphiql_offline.mjs --url http://127.0.0.1:8000/graphql \
//        --chromium /usr/bin/chromium --artifacts DIR
// (the login comes from the environment: a password may start with "-", and stays out of `ps`)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import puppeteer from "puppeteer-core";

const { values: args } = parseArgs({
  options: {
    url: { type: "string" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    artifacts: { type: "string" },
  },
});
for (const name of ["url", "artifacts"]) {
  if (!args[name]) throw new Error(`--${name} is required`);
}
const { LOGIN_EMAIL: email, LOGIN_PASSWORD: password } = process.env;
if (!email || !password) throw new Error("LOGIN_EMAIL and LOGIN_PASSWORD are required");

const STEP_TIMEOUT_MS = 30_000;
const origin = new URL(args.url).origin;
fs.mkdirSync(args.artifacts, { recursive: true });

const report = {
  ok: false,
  step: "launch",
  requests: [], // every URL the page asked for
  blocked: [], // those outside the app's origin (aborted)
  failed: [], // the app's own requests that failed
  cspViolations: [],
  consoleErrors: [],
  pageErrors: [],
  explorerFields: [],
  blockerWorks: false, // the same blocker, on another page, stopped a request to another origin
  tokenReceived: false,
  customers: null,
  screenshots: [],
  error: null,
};

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-chromium-"));
const browser = await puppeteer.launch({
  executablePath: args.chromium,
  headless: true,
  userDataDir: profile,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
  ],
});

const page = await browser.newPage();
try {
  report.step = "blocker";
  report.blockerWorks = await blockerWorks();

  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await page.setViewport({ width: 1400, height: 900 });
  await watch(page, report);

  report.step = "load";
  await page.goto(args.url, { waitUntil: "networkidle0" });
  await page.waitForSelector(".graphiql-query-editor .CodeMirror");
  await shoot(page, "01-loaded");

  report.step = "explorer";
  await page.click('button[aria-label="Show GraphiQL Explorer"]');
  await page.waitForFunction(
    () => document.querySelector(".graphiql-explorer-root")?.textContent.includes("customers"),
  );
  report.explorerFields = await page.$$eval(".graphiql-explorer-root .graphiql-explorer-field-view", (fields) =>
    fields.map((field) => field.textContent.trim()).slice(0, 50),
  );
  // Building a query by clicking: customers, then its totalCount.
  await page.click('.graphiql-explorer-root span[data-field-name="customers"]');
  const totalCount = '.graphiql-explorer-customers span[data-field-name="totalCount"]';
  await (await page.waitForSelector(totalCount)).click();
  await page.waitForFunction(() => {
    const query = document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.getValue();
    return /customers[^{]*\{[^}]*totalCount/.test(query);
  });
  await shoot(page, "02-explorer");

  report.step = "login";
  const login = await run(
    page,
    `mutation Login {
  login(input: {email: ${JSON.stringify(email)}, password: ${JSON.stringify(password)}}) {
    accessToken
    errors { code message }
  }
}`,
  );
  const token = login?.data?.login?.accessToken;
  if (!token) throw new Error(`login gave no token: ${JSON.stringify(login)}`);
  report.tokenReceived = true;
  await shoot(page, "03-login");

  report.step = "headers";
  await page.click('.graphiql-editor-tools button[data-name="headers"]');
  await page.waitForSelector('section.graphiql-editor-tool[aria-label="Headers"]');
  await page.evaluate((value) => {
    const editors = document.querySelectorAll(".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror");
    if (editors.length !== 1) throw new Error(`${editors.length} visible header editors`);
    editors[0].CodeMirror.setValue(value);
  }, JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2));
  await shoot(page, "04-headers");

  report.step = "customers";
  const listed = await run(
    page,
    `query Customers {
  customers(first: 5) {
    totalCount
    edges { node { id name } }
  }
}`,
  );
  if (listed?.errors) throw new Error(`customers failed: ${JSON.stringify(listed.errors)}`);
  const names = listed.data.customers.edges.map((edge) => edge.node.name);
  report.customers = { totalCount: listed.data.customers.totalCount, names };
  const shown = await page.$eval(".graphiql-response", (pane) => pane.textContent);
  if (!names.length || !names.every((name) => shown.includes(name))) {
    throw new Error("the response pane does not show the customers");
  }
  await shoot(page, "05-customers");

  report.step = "done";
  report.ok =
    report.blockerWorks &&
    report.blocked.length === 0 &&
    report.failed.length === 0 &&
    report.cspViolations.length === 0 &&
    report.consoleErrors.length === 0 &&
    report.pageErrors.length === 0;
} catch (error) {
  report.error = String(error?.stack || error);
  await shoot(page, `failed-at-${report.step}`).catch(() => {});
} finally {
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(report, null, 2));
process.exit(report.ok ? 0 : 1);

/** Whether `watch` really blocks: another origin on this same machine (the app's port under the
 * name localhost) must be refused before any connection, and recorded. */
async function blockerWorks() {
  const probe = await browser.newPage();
  const seen = { requests: [], blocked: [], failed: [], cspViolations: [], consoleErrors: [], pageErrors: [] };
  await watch(probe, seen);
  const elsewhere = `http://localhost:${new URL(origin).port}/health`;
  const answer = await probe.goto(elsewhere).then(
    () => "loaded",
    (error) => String(error.message),
  );
  await probe.close();
  return answer.includes("ERR_BLOCKED_BY_CLIENT") && seen.blocked.length === 1 && seen.blocked[0] === elsewhere;
}

/** Block every request outside the app's origin and record in `log` what the page asked for
 * and saw. */
async function watch(page, log) {
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = request.url();
    if (url.startsWith("data:")) {
      request.continue(); // inline content (fonts in the CSS): nothing leaves the browser
      return;
    }
    log.requests.push(url);
    if (url === origin || url.startsWith(`${origin}/`)) {
      request.continue();
    } else {
      log.blocked.push(url);
      request.abort("blockedbyclient");
    }
  });
  page.on("requestfailed", (request) => {
    const url = request.url();
    if (url.startsWith(`${origin}/`)) log.failed.push(`${url}: ${request.failure()?.errorText}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") log.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => log.pageErrors.push(String(error)));
  await page.exposeFunction("reportCspViolation", (text) => log.cspViolations.push(text));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      window.reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`),
    );
  });
}

/** Put `query` (one named operation) in the query editor, press the run button, and return the
 * response pane's JSON. */
async function run(page, query) {
  const operationName = query.match(/^(?:query|mutation) (\w+)/)[1];
  await page.evaluate((text) => {
    document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue(text);
    document.querySelector(".graphiql-response .CodeMirror").CodeMirror.setValue("");
  }, query);
  // GraphiQL reads the operation name from the editor 100 ms after an edit (debounced), then
  // into React state, which is what the run button sends: wait for both, as a person would.
  await page.waitForFunction(
    (name) => document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.operationName === name,
    {},
    operationName,
  );
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100))));
  await page.click(".graphiql-execute-button");
  const handle = await page.waitForFunction(() => {
    const text = document.querySelector(".graphiql-response .CodeMirror").CodeMirror.getValue();
    return text.trim() ? text : null;
  });
  return JSON.parse(await handle.jsonValue());
}

async function shoot(page, name) {
  const file = path.join(args.artifacts, `${name}.png`);
  await page.screenshot({ path: file });
  report.screenshots.push(file);
}
