from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "account" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "number_range_start" BIGINT,
    "number_block_size" INT,
    "require_audit_reason" INT NOT NULL,
    "email_from" VARCHAR(320),
    "smtp_host" VARCHAR(255),
    "smtp_port" INT,
    "smtp_tls_mode" VARCHAR(8) NOT NULL /* NONE: NONE\nSTARTTLS: STARTTLS\nTLS: TLS */,
    "smtp_username" VARCHAR(255),
    "smtp_password" VARCHAR(255),
    "sms_api_base_url" VARCHAR(500),
    "sms_account_sid" VARCHAR(100),
    "sms_auth_token" VARCHAR(255),
    "sms_from" VARCHAR(32),
    "sip_realm" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
) /* A carrier: every other row belongs to exactly one account. */;
CREATE TABLE IF NOT EXISTS "api_key" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL UNIQUE,
    "key_hash" VARCHAR(64) NOT NULL,
    "permissions" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "last_used_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE
) /* A credential for an integration (billing system, CDR feed); the secret is stored hashed. */;
CREATE TABLE IF NOT EXISTS "audit_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "actor_kind" VARCHAR(10) NOT NULL /* USER: USER\nCONTACT: CONTACT\nAPI_KEY: API_KEY\nSYSTEM: SYSTEM */,
    "actor_user_id" INT,
    "actor_contact_id" INT,
    "actor_api_key_id" INT,
    "on_behalf_of_user_id" INT,
    "actor_label" VARCHAR(200) NOT NULL,
    "ip" VARCHAR(64),
    "user_agent" VARCHAR(500),
    "action" VARCHAR(12) NOT NULL /* CREATE: CREATE\nUPDATE: UPDATE\nDELETE: DELETE\nLOGIN: LOGIN\nLOGOUT: LOGOUT\nIMPERSONATE: IMPERSONATE\nSEND: SEND\nGENERATE: GENERATE\nSCHEDULE: SCHEDULE\nAPPLY: APPLY\nCANCEL: CANCEL\nEXPORT: EXPORT */,
    "http_verb" VARCHAR(6) NOT NULL /* GET: GET\nPOST: POST\nPUT: PUT\nDELETE: DELETE */,
    "table_name" VARCHAR(64) NOT NULL,
    "record_id" VARCHAR(64) NOT NULL,
    "customer_id" INT,
    "message" VARCHAR(500) NOT NULL,
    "reason" TEXT,
    "diff" JSON NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE
) /* One change (or login, send, export...), written in the transaction of the change. */;
CREATE INDEX IF NOT EXISTS "idx_audit_entry_account_eac2e9" ON "audit_entry" ("account_id", "at");
CREATE INDEX IF NOT EXISTS "idx_audit_entry_account_060fda" ON "audit_entry" ("account_id", "customer_id", "at");
CREATE INDEX IF NOT EXISTS "idx_audit_entry_account_85a804" ON "audit_entry" ("account_id", "table_name");
CREATE TABLE IF NOT EXISTS "login_attempt" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "ip" VARCHAR(64) NOT NULL,
    "succeeded" INT NOT NULL,
    "at" TIMESTAMP NOT NULL
) /* Every login try, for throttling by address and by e-mail. */;
CREATE INDEX IF NOT EXISTS "idx_login_attem_email_04c46c" ON "login_attempt" ("email");
CREATE INDEX IF NOT EXISTS "idx_login_attem_ip_3ef213" ON "login_attempt" ("ip");
CREATE INDEX IF NOT EXISTS "idx_login_attem_at_35ed54" ON "login_attempt" ("at");
CREATE TABLE IF NOT EXISTS "message" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "customer_id" INT,
    "contact_id" INT,
    "channel" VARCHAR(5) NOT NULL /* EMAIL: EMAIL\nSMS: SMS */,
    "kind" VARCHAR(12) NOT NULL /* TEST: TEST\nCAMPAIGN: CAMPAIGN\nPASSWORD: PASSWORD\nVERIFICATION: VERIFICATION\nINVOICE: INVOICE */,
    "to" VARCHAR(320) NOT NULL,
    "subject" VARCHAR(500) NOT NULL,
    "body_text" TEXT NOT NULL,
    "body_html" TEXT,
    "header_message_id" VARCHAR(200) NOT NULL UNIQUE,
    "status" VARCHAR(6) NOT NULL /* QUEUED: QUEUED\nSENT: SENT\nFAILED: FAILED */,
    "attempts" INT NOT NULL,
    "last_error" TEXT,
    "provider_reference" VARCHAR(200),
    "created_at" TIMESTAMP NOT NULL,
    "next_attempt_at" TIMESTAMP NOT NULL,
    "lease_until" TIMESTAMP,
    "sent_at" TIMESTAMP,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE
) /* One e-mail or SMS to one recipient, written in the transaction of the change that causes */;
CREATE INDEX IF NOT EXISTS "idx_message_status_d36164" ON "message" ("status", "next_attempt_at");
CREATE INDEX IF NOT EXISTS "idx_message_account_0f3dd5" ON "message" ("account_id", "created_at");
CREATE TABLE IF NOT EXISTS "periodic_run" (
    "name" VARCHAR(100) NOT NULL PRIMARY KEY,
    "next_run_at" TIMESTAMP NOT NULL,
    "last_claimed_by" VARCHAR(200)
) /* When a periodic job is next due; advancing `next_run_at` is the claim of one run. */;
CREATE TABLE IF NOT EXISTS "reseller" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_reseller_account_b0cbf2" UNIQUE ("account_id", "name")
) /* A partner group: its users see and edit only the customers assigned to it. */;
CREATE TABLE IF NOT EXISTS "role" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "permissions" JSON NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_role_account_43fdf9" UNIQUE ("account_id", "name")
) /* A named set of permissions, defined per account and granted to users. */;
CREATE TABLE IF NOT EXISTS "user" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "email" VARCHAR(320) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "password_hash" VARCHAR(255) NOT NULL,
    "is_active" INT NOT NULL,
    "last_login_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "reseller_id" INT REFERENCES "reseller" ("id") ON DELETE RESTRICT,
    "role_id" INT NOT NULL REFERENCES "role" ("id") ON DELETE RESTRICT
) /* Staff of an account, or a partner user when `reseller` is set. */;
CREATE TABLE IF NOT EXISTS "auth_session" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL /* LOGIN: LOGIN\nIMPERSONATION: IMPERSONATION */,
    "ip" VARCHAR(64),
    "user_agent" VARCHAR(500),
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "revoked_at" TIMESTAMP,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE
) /* One login (or impersonation); access tokens name it, so revoking it ends them all. */;
CREATE TABLE IF NOT EXISTS "customer" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "name_key" VARCHAR(200),
    "status" VARCHAR(20) NOT NULL /* ACTIVE: ACTIVE\nINACTIVE: INACTIVE\nPENALTY: PENALTY\nPENDING_APPROVAL: PENDING_APPROVAL */,
    "channels" INT NOT NULL,
    "flow_speed" INT NOT NULL,
    "debit_limit" VARCHAR(40) NOT NULL,
    "minimum_payment" VARCHAR(40) NOT NULL,
    "topup_currencies" JSON NOT NULL,
    "tax_percent" VARCHAR(40) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "balance" VARCHAR(40) NOT NULL,
    "channels_in_use" INT NOT NULL,
    "paypal_email" VARCHAR(320),
    "website" VARCHAR(500),
    "p_asserted_id" VARCHAR(200),
    "portal_access" INT NOT NULL,
    "portal_hidden_sections" JSON NOT NULL,
    "vars" TEXT NOT NULL,
    "invoice_schedule" VARCHAR(10) NOT NULL /* NONE: NONE\nDAILY: DAILY\nWEEKLY: WEEKLY\nMONTHLY: MONTHLY */,
    "create_invoice_on_payment" INT NOT NULL,
    "invoice_due_days" INT NOT NULL,
    "invoice_template" VARCHAR(100),
    "external_accounting_id" VARCHAR(100),
    "rtp_firewall" VARCHAR(10) NOT NULL /* LOCKED: LOCKED\nUNLOCKED: UNLOCKED */,
    "recording_retention_days" INT NOT NULL,
    "portal_domain" VARCHAR(255),
    "daily_spend_limit" VARCHAR(40),
    "stir_shaken_attestation" VARCHAR(1) /* A: A\nB: B\nC: C */,
    "address_line1" VARCHAR(200),
    "address_line2" VARCHAR(200),
    "city" VARCHAR(100),
    "region" VARCHAR(100),
    "postal_code" VARCHAR(20),
    "country" VARCHAR(2),
    "approved_cli_only" INT NOT NULL,
    "email_verification_required" INT NOT NULL,
    "mobile_verification_required" INT NOT NULL,
    "notes" TEXT NOT NULL,
    "timezone" VARCHAR(64) NOT NULL,
    "dial_windows" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "deleted_at" TIMESTAMP,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "account_manager_id" INT REFERENCES "user" ("id") ON DELETE SET NULL,
    "reseller_id" INT REFERENCES "reseller" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_customer_account_7dc029" UNIQUE ("account_id", "name_key")
) /* Every field of the customer card's Basic, Config, Address, Verification, Notes and */;
CREATE INDEX IF NOT EXISTS "idx_customer_account_8a8108" ON "customer" ("account_id", "status");
CREATE INDEX IF NOT EXISTS "idx_customer_account_b5fd1f" ON "customer" ("account_id", "created_at");
CREATE TABLE IF NOT EXISTS "customer_tag" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "tag" VARCHAR(100) NOT NULL,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_customer_ta_custome_6a8270" UNIQUE ("customer_id", "tag")
) /* One tag of a customer; a table of its own so filters work alike on every engine. */;
CREATE INDEX IF NOT EXISTS "idx_customer_ta_tag_d1017d" ON "customer_tag" ("tag");
CREATE TABLE IF NOT EXISTS "number_block" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "start" BIGINT NOT NULL,
    "size" INT NOT NULL,
    "assigned_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_number_bloc_account_dd87da" UNIQUE ("account_id", "start")
) /* [start, start + size) of the account's range, held by one customer. Releasing a block */;
CREATE TABLE IF NOT EXISTS "refresh_token" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "used_at" TIMESTAMP,
    "session_id" CHAR(36) NOT NULL REFERENCES "auth_session" ("id") ON DELETE CASCADE
) /* A single-use refresh token; presenting a used one revokes its whole session. */;
CREATE TABLE IF NOT EXISTS "sip_user" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "username" VARCHAR(64) NOT NULL,
    "extension" BIGINT,
    "realm" VARCHAR(255) NOT NULL,
    "ha1" VARCHAR(32) NOT NULL,
    "channels" INT NOT NULL,
    "cps" INT NOT NULL,
    "ip_allow" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_sip_user_account_ae3f19" UNIQUE ("account_id", "username")
) /* SIP authentication of a customer. The password is kept only as the digest hash a switch */;
CREATE INDEX IF NOT EXISTS "idx_sip_user_account_ea92b7" ON "sip_user" ("account_id", "extension");
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXW134jiy/is6fJnuc5lsJ+l099L33nMIYbrZSSCXkJ6ZHea4hS1AGyN7LDl0Zu/895"
    "VkG/wKNq/Gow+Jja2S4amyVFWqKv27NrMMZNKzpq5bLmG1Bvh3jcAZ4ifxW3VQg7a9vCEu"
    "MDgyZVsYajSizIG66GsMTYr4JQNR3cE2wxYRjZtAh46DkdMA6Bk5L8BiU+QAx5qDETItMq"
    "GAWQB9452Y/CZBwO/+TPRvWDp/ACaT7btyCf7dRRqzJkiQ8Q5//Y1fxsRA3xANPtpP2hgj"
    "04iAgw3RgbyusRdbXusQ9oNsKL7lSNMt052RZWP7hU0tsmiNPbgmiCAHMiS6Z44r4CKuaf"
    "rABgh633TZxPuKIRoDjaFrCtAFtfcFltdqmtbtDbSH9kDTagmGBBQhYP1LukUEM/lXpfLX"
    "T8RX+P7i/O37tx8u3739wJvIr7m48v5P79FLYDxCCU93UPtT3ocMei0kxktQ5TEBa2sKnX"
    "Rcg/YxZPlXjiMb4LgK2uDCEtul/B4C3Bn8ppmITNhUIPrmzQoovzT7rc/N/ive6rV4pMVf"
    "OO9F7Pq3Lrx7Au8Qvu5shBzNgWSCNMqgw5JoX+NJphyn06+X6xT0fbEtDfieZP/94uLy8v"
    "3Fm8t3H67evn9/9eHNQsSTt1bJ+nXnkxD3CGsC+U/wY2Ra+pNG8R8pwr+OF1HaCrFiy0Fm"
    "CbKDfnexgzToGphpDoKUf5+k2FuWiSBJxzqrixjcI97HvgaexZU9IL5Kjnu9W9HzjNLfTU"
    "+wY1Ldfby7bvdfnctxiDfCLEPY0QxiUxs71qzIEB+l2migL5t8R8b5y4s84zxvlTnOy3tR"
    "qOmM2drUoinDezbSEaLqAX1xdZVnQr26yp5Qxb0UoG0rbR7NHLgjNGrATg4UEiBmUk3YGe"
    "kS3Oazn0S3w78JJDpKRzncyeF0xNrDoNkfDG4fasUAr3V73XYDiP9DEvTRAMHZkMiPQb8F"
    "xf9DDuH/kCn6H1IF36XIKaqyJwjVSFNgpIGUzi0nxfRcA3iYUAGeE3CqQRtrI0iR5jpmMc"
    "yTtNWD/SqXiXq1wkS9SpqoEjrPRcOtmoKSniCtHujnuUA/XwH6eQboLptqzHpCKcbRGswj"
    "lNWDfG/DS1FbKExTPZgvL3IZQivsoATG2BbGulkM5DDRAZVGOsdMn44s6ATf6RTFWufQcW"
    "A0mGIR3fA7DM9QOu5Ryhjwhk96Fpycon+X/0CjR8wX/0VcAf6gc9fmav/dfcT1ctMctMWd"
    "C3n1JXb11bsYnxadgJ86g89AfAT/5LaFhJeb+RNHPnHZbvDPmvhOfDi3NGLNNWiE1heCqw"
    "FqEa67trEh16OUiutl4XqAUYjt8tuL9bDxU2jxRlwYQf1pzsctLXJnKR5CFX5CLzTF6+pT"
    "/vBjH5lQYpsUg2Ad0sY/opcTFIE/A6EPri5FIYSRdC0jwrtC2wIlumrznioLFkWU8n63xo"
    "lNH7yeqgqU7lJmzZCzJVItv5uqwjTjUgAn2753d14vVQUpvOC4JVJd2dW16KmqaPFpFpnm"
    "1m9e3++msjBZ5ravXZ93UVV4hDEqnOVbQvSA7UdaXSHaAUJVg0eo5daFlaWoJ2/NLmbxK5"
    "Dw2czwny2eFFXE00IFFyr6ikhBzxiQjfJECjrI4FoxhiYYWw6ABPBfiSaO5Cd4NcKmyQEC"
    "9IUyNKuD1k0fjBEyXn8EbIoARZyeAUwBV2B4T2AK6RQZqXGEe3uQijJUUYalGTEOEGVoO2"
    "iMvxVBeEmxG4yPK77R9Zp3eZZr4l6c0GrNuzi8fPDUxOhSBOAwTQXF+N3bHCC/e5sJsrgV"
    "k2HkzHCWk+EfD71uhiBHyeL+TKwz8P/AxDRPlM9mywj/PXaJLqeskYtNhgk9E8/7332tKa"
    "wAXsAUcWUGgL+6a/4c50Xrtncd91GKDq7VAkPFXc15FhhMSJkwhDbhe5x2B5wv2TrqiTA6"
    "ZU0hyWkHPVtPG/E5Sqm4XGYuB2E6heybKNFGkbOlG7J3YOokluQSMCcx/oHbqHhCuLGeiK"
    "LNWCtZ9nRiEGe5SPhlB84XNndMujgC/HcjL5eh1XxoNW/atT+zFzv36m9Zruel+Vwiq30r"
    "/C6LBcacvpceQUCfilQv8MpygGlNMKkDiohRB+ibCGA/Ozt7XQdzBzOGhLtEekJ4r4RCTw"
    "W1xvKS10vS6bLzJwzJkDR1xvvyRg0KoIOAbXK2A2zQOiAWE94dIftArEg3gg6xCSyXmfgZ"
    "UXnJseYUYAYE2DSnF+fXSBYsq/HbkUvBYpwvYiktJLM0yeDfCvmEViXtVcwtdJAUvWznUX"
    "G9pLL2RrUUEj5qaE8cyXS3yvqEk2gPZXay1B4f2v0GEP+HpNXrDpqtQQP4J3wAve9oP7Z/"
    "aQD/ZEgefnkYtO8awDvGh/F8Ucu5gpZXxCzHHTQe3GLlp6gSGaNTGVjJDCwPJP4Qxs82wT"
    "dKqiDOgthfDNsE4iipgjgJMcdjhKbQHGvWeIORIotcQZ0lzfzHokJ5UjGyMk+aZVpgw3YR"
    "kL3W1csX2f2ij3zJuQ2e5jHJxjdKVT2c95Lm55nvW+ja6dE8pRoyaq1+m9s2XLWWxyF5vL"
    "+Rn73jkNy0b9vis3ccktset0gbQB7kp97jQH7kxyHp3N23+w+9ruwi9IHr5+3uDdfO+f8h"
    "+dTutvuySXDG77c+t28eb/m14Exo+fe3UsfnB24FNLut9i3/pvI4JO2f73t9/mzvuJHGny"
    "eb6zw7m+s8kc01ZczWnpEz2lRqIh2UWnA+tQeCf5zp970Hfir+83MhDfdCFKKCswl78kQl"
    "ZAclJGISQo6rAiNnlKrMHCnNFOUg3XKMVEU2G+cIkYI5B8wxV21OiyFGpQyFpKEwW+ZI5J"
    "XeEEkFZXcv2lVWkbMB+pYhupk1zU5SgV3lmW7/PIg4pRNBSQvH9G2v+yloHo9UiuJt4PE4"
    "iXZ2mFjQvhzxYeKxlYkPU5EFKrJARRbkjixYZsCmhhZEEmRXxRawqUZDLXMFF8j1frnyj2"
    "c2cvj8I3MtXn8UNZp5Z0DWlKFyDR5gVgfUAjLIS+RhYAYQMeRi/QxA00yPLtj9I3aczPH4"
    "2LkpsGzvutg4EzSbvC7rV+9Ds4N8kvj39hhTg1frxTNAwyO+/OmrF+i3WcM9/OptTTp7Ci"
    "JcizqKlr6gTq8bdg11vPn1+CkLymGtHNYnblKpvINs9Kubd4C+2Zj3tgHXo5QV5PqJcFkl"
    "HSguK9fAXn26xUNrto2mqSKiytlyMGdLXHh3AGzF6ofEUQ29sEX9V+FZdsxHc79U8NZ1kW"
    "Rfg6DqcEVw32vdlkUVtxRXX7jCW7afTw+3Wuvja8sN2eSXW+Tp+B2IXduM7yi4hhTrddCy"
    "yBhP6qBpGJyrtA6+IAePsS6FoA66FkMUQM83E/Hx7f4RQ3IDX/424Moa6CPxIJ0B/vs5gW"
    "26fm4QN3e+t7i9A0bQFMOCoAMid0jmIRFkgpVbzEVSfgQfZD2c31ZlE/Hhh7k0mVG0NC2L"
    "5Qv9VZKFVA2ZEw1xXbwWBTEOaKrn1doLzP64kgpyjj12FtQHdJg3W4POl3ZRj7lH1QDecU"
    "g63eBKcDYk9+1u83bwSwP4J/LKTaf7SWve3/d7X5q38lbkyib+9Vw7fq3Y8Cu535c/7aQw"
    "MjtWKURyOBvsTamH+yWgY9Oaa9RGqMjcGSVSoMZBNdAIM83EM5zmZkM6nkEzI14mShl3s3"
    "mkZ34Xext53hxhIfSm3ercNW/5O19/G9thMRgp3iaGgxkmeObONBu+zFLXhlaCnUKtAF8N"
    "OLNs19Z013EQ0VPrt2fHgqXRliMurFJ1wxifgW3k6MXfhxjlX/BdeF/gVfAFuZDiHqapoI"
    "F0mUPdu8ze1iiOsO90KCjFIaq/oAQXGs0D1VjDROT9bqBUhyiVGhhXA7leYUNTkxs7Fxkl"
    "4nTVM/H3shf0HI2oEPkCSIdIqgfyXqKDbA1Sihzhiy2WmpUgrB7g+6kxbTmMDwZeFG/KUp"
    "JlmQiSDMzjtDHMR5x4X4N04AM/7DR43evdRjTq6048q+Xx7rrdf3UemyRTRm8PvCk2DEQ0"
    "iqTNUKxGcmYPyuzZudnzDNN2xsjOAwvaH9ChewSo95IEhsmzhXWkUX2KDNfceOf6tH4OyI"
    "67Xnfw+faXog728N71N82OqC0gD0PyU7v9o/joHYfEf0ADhJ909Hpi3lKqFoDPwc70nq2c"
    "XFb2c8CJZnHlZGeaAELD5X8wbffI7FXsFNLDGWKXp2KJBTAxNLNNWMxGSKOtnu66l93W+e"
    "SLHOJpoCKSg3+dglZDdg+KBblY4DCbd+egOTQzfBDr5+l4HwdNGmv92L4pOkV7VCJtTByH"
    "5LEbXAnOyjEVe+VKhEw7iIktuUTIYbEJYFUXyiOXYdMZ1ow/opD3Ik5YveHn4uoqj/fi6i"
    "rbeyHuxVbCITZfRKgAMTZbD0+j39qtXzI+7NqtTxl2NDqFT4hokDEkope2qEG3orsSvwW1"
    "ZgM0h+S6Aa6HpNUArY2G/DwjfvaAn6gF6IXkckkm6LzI8JMgLDHwZXKehnG72BTwCwV4bs"
    "B1zIotiPvtqwfvfrR5NMkcyLP0w0n5x+oyQSz8zFzT0y2jkJcgRlY9sPcQyysMeqfYcLEk"
    "qSDCeQDOxjcx99m2Yz0jQ9NNrIkknoL+3VR65dct4NeVARyiDu8i/Yob6b+72EkLtl7Jiz"
    "U9Ka4U4MrMGmET7YQt67pSfCnAFyISE5MMyF7BXRCoJdzCS7iiRscfFilWxDpEc0DIHwet"
    "faG+76pVBuYq4Zz/OmteKHAkTqfCRVa/AGp3bVXlKleVK9c2NuR6lFJxvSxcDzAKsd3/9u"
    "F0PFHFYxOuRylV0avyMDn5bquiV/va8cyDyKu2UngTyjRitV9EEmb+JiDTLIpvjEoBq0qM"
    "HbHEWCCNOwC3H+rqtOQ3L7ixVzeCbp/Phv1Oa1BbNRLvAOWcxdxOFOH0yScCNP8qoPt4e5"
    "uvrhuDE81JteWLVHQLKpAN4KRCY0fUl+fORhzwkWnpT1ui1ZVdXYueqooWxbbcdndLpB6w"
    "XbHijAcpEihewxV1Av23dH2pQI35LXNtCcIbizp+cFHF7yM/l32Ky5hRYM2J2KRjjE3GRQ"
    "PMLecJQBM/8QYEIFkOEJEJJih9Q5BdPyC1vF+4TKL4+fHSfqpU3+5NhuxSfb4A5vbne833"
    "5co/KLL7jws53kaJZRut92yghceULdXbcK3XEwM5r44bE7Ay7bl1K7akajKRN8XSZtjI/Z"
    "VTrNzcSsYeB01zluT1dsVizksdjC0HsKljMWaKLa9GL8CP8ZQ1bflH9L0IskhOplv1tONN"
    "tNQUueUUWbgWy3ZFWEo9Te6lCMvBNsAqNbS7DyWgrq4jZBQOUYrQHTAe6TiLVjsMRyq+WH"
    "jIpeGDivZprgxnxQMkVM/jaEd3/mbfKYrR3XIf8GydKLRZeD6Pg6eVAK68PNw9AGZxK19U"
    "+NexjRFhdTB3MFewCBBqzhRx+CCh0AsBCjYcmEIy4XemkAEdutSLvkt4HvbxoCHBTKpXlH"
    "cB4JiJbQ+s2QyzM/CVj34UaSI73PwKZtB54pqYaGiIR9iOJQSGcgZYI8vg2hlHiLd68Vuw"
    "IZGU4sGkLp8Bge5AOkXyaQZyvqNAPgJQPLPNF+C4hALLzdz2IKbh/RoqH07QNxYosnIzg1"
    "3tc3CNJ38V5fDvFxeXl+8v3ly++3D19v37qw9vFlpi8tYqdfG680mM+5HBZ70KeTxHQMmW"
    "YXa9As67Z3wcKIhrhEjBmgKrV6ozXS1fn/0bIi9zxdpa+67ZuW0AeRgSPvM0xPQTn6DyKO"
    "950uCzk+ATKfCntU3zBsgPuBbWAOL/kLS4OtbsfOo2QHA2JPfNh4efev2bBgjOhuRLu9/5"
    "odPyN3IOfxI7VnzpdVpywwp5sgkPz/MkU51nZ1OdJ9KpmFXIt26VnW1lchpQd/QvpBfa2j"
    "lEUoH0jwMUbhW6r8a4+plEOTvFJkJUAZwPnWYj8ZuyWcrsuwb0gKgKaa6HRn2KILfaNN9C"
    "LlhxLJV4N6J/XONJ7bGVMtD832P7sXh9MY+qAbwj1zbbXa4Bif9D8gPXP8U977iJ7vIuj+"
    "8423WcyAP3vA1FioqFSVQRsbhBZULKNOQ4VsoSdfaoHqVSw3rxYV2UI8BibHbQGIltVIoV"
    "6EilrgIfDlHWR2VL/kVWRyJRvDFndUHWp5BXkP8nwu9cKXShhZSizI6RqlTJMvNZLKJt8E"
    "KHyBR/y8xflQqrUgkP+9rsJJXwOIEY4QSjlGCMWP5RdkBGOOdJtlwblfErFwuH1YE8gP8C"
    "FP+BXgcxED5g31HgiGCIOpjyXyOiS0U0RbCafAb6SMy8Ig4VgsWjIyEZe3nKkHj8o7IXx5"
    "o35Im8BzAFYwfxzidcIGREBb8y5UdkiLAJIHNMIOEPERETXltJmZ1oEnrV5O9QmSZHDaP1"
    "eJDAdVUQyoKkSjPLQUJRwomCfxTZpDNoXiXEd1fWglI+RW/k04iRVtCorbBTQ+nGewozUv"
    "lxyuo4RasjTYh3AK7KPTymUXePHGwZWO+7pJZi1IVv11cZdbbfUHP8lmuNup+miNs8ICAE"
    "/7JGwvwRznBguOgjgMYzlxxhS32VHnLeM1ckvopGMvbdhHgmzDMZNe+SZELiXp6wRaKiPC"
    "ZemOyVuKB95YIqdph3nm16hTi60YLMkrSCeuuJ6Kn5FmNEwIB8V7mlMSq0TUIKqVrozlzo"
    "LklCWB+NufRMB9YTSp2zIvdXTlqO15IP5kHTtbNWEwjvnom+d6nI1ZL0QNJ/BLaoVCa33u"
    "SzDr9v+Aldz/w2lZVk5lPLRIAibhdbKRPWrjtXSfXl8gZKVmpTSKdFBqkoVeWUgd2ngKsg"
    "nGzoq+uvQt9szHvbgOtRygpy/US4nEvbE1PfJmXpqapOfhL89fWXVO/o42PnJiviJkwV47"
    "DrYuNM0Fbr1fUSyDxehbkgf+lKz6iP1i48oy6bPix7O01w1/rvotJVJvfdovpzqh20rAy9"
    "ygYKtcph/tjQYZzJYOJYrt2QhocsycoNDyRDGJCBGRDb4Hk+NN/1SUGwGCgKXWCWZvzssu"
    "t1wRESKxUbcUxr6Lju0GMr4ioXQZlBatm+3KOXWlwuQUhrctF5R9sKnKydt7pI/g4K5Fdr"
    "t4u9FsfvWxKKpPItrq9WvIMWOZRu0bkossbEarSNnBmWBgmtA44iFpovvxjEKEtVeeJAwj"
    "yNWApEmr69o16Vql2KyUqp2oeOPQhlXC9fniTM2dvXxsjU7rURHXsXu9cqbVhpwxXVhg+n"
    "550K0ntV9IJNo1J0vdB+UtnqXrB3VT6V76FzD7iZPxURHzoMSv7CUKbZYIqADSmdW45MG3"
    "tCtu8bhV70ooEniDIg4gZEld85Zvo0oQTu6TlDQhAyaAN8bp6D/wF3N1evxG8XuDUcBM1Z"
    "I+jydS4VMiBOqJGRVugbQ0QuRRQrCazUyy3VywV7CqiYYZoKqpm7j2pZSndyzF+RThghq1"
    "DZ3wNnFMpRq4h8LwgqKNwXV3lK//JW2csVV4nyv1N4XgRfv3kF0b3MU5L3Mrsk72WiJK9f"
    "mrpIZbswiapsl8jhswthaSsYU2HkKjE0TWtexGcSplEOk507TNSicbb0V3fR2LWNDbkepV"
    "RcLwvXU2ItEyuFyjmqMvzLj6xyO6sM/9KjW+IM/yyv9XqXdQF3NYPjsfQckyBeoC72tYOL"
    "mF7RF5iLhPyvQcSxzLOnKCUUePvuVOZjuTzEx95OuET5jnvZGEgFeOw3ljpYriqcvJsgrC"
    "Li+3AHY6qJvU6fU8R65T7OEboD7uMcDCgnu4+zrIVhWhO8ScWUBLFKsiyP4Z/09ygvX/bQ"
    "dpr+HpUacjx/T2CBFAM2RlWhpfndAcvn+YKgLimUqCoH2jEdaEF+x5bABokkFUU19MJGIO"
    "3zya7faQ1qqSPtLnANdXVao2xuaKMTTAa8eUKN/foHW0YbV7NWREQ+fSespjIVs9Dap6e7"
    "iRysT2spvm7/Tn2Vtxsu26zzd2fDoPzO5fI7P/N3MDVkNttjFyJRvrp8vjrxUhVA2G9eQX"
    "T3klzIn8hQmpKeHSQXIjl8jNxxfHA7i4ZLmEuHXLb98z8f2KMS"
)
