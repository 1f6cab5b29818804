// What the suite is pointed at. tests/frontend/test_frontend_suite.py starts the server and the
// SMTP server and sets these; run by hand, set them yourself (see that file for the values).

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the suite through tests/frontend/test_frontend_suite.py`);
  }
  return value;
}

export const env = {
  apiUrl: required("SUITE_API_URL"),
  admin: { email: required("SUITE_ADMIN_EMAIL"), password: required("SUITE_ADMIN_PASSWORD") },
  partner: { email: required("SUITE_PARTNER_EMAIL"), password: required("SUITE_PARTNER_PASSWORD") },
  smtp: {
    host: required("SUITE_SMTP_HOST"),
    port: Number(required("SUITE_SMTP_PORT")),
    username: required("SUITE_SMTP_USERNAME"),
    password: required("SUITE_SMTP_PASSWORD"),
  },
  mailboxDir: required("SUITE_MAILBOX_DIR"),
};

/** A suffix that keeps names unique when the suite runs twice against one server. */
export const runId = Date.now().toString(36);
