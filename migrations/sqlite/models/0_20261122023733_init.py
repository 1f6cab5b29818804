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
    "smtp_tls_mode" VARCHAR(16) NOT NULL,
    "smtp_username" VARCHAR(255),
    "smtp_password" VARCHAR(255),
    "sms_api_base_url" VARCHAR(500),
    "sms_account_sid" VARCHAR(100),
    "sms_auth_token" VARCHAR(255),
    "sms_from" VARCHAR(32),
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
CREATE TABLE IF NOT EXISTS "refresh_token" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "used_at" TIMESTAMP,
    "session_id" CHAR(36) NOT NULL REFERENCES "auth_session" ("id") ON DELETE CASCADE
) /* A single-use refresh token; presenting a used one revokes its whole session. */;
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
    "eJztXW1z2zYS/isYfblkxvHFb0nOubkZRVZTX2zJI8tp06rDQiQkYUyBDAFacXv57weApM"
    "R3k5IoUww+2JRILEg9WC52F4vdv1tzy0AmPWzruuUS1joHf7cInCP+IX7pALSgba8uiBMM"
    "jk3ZFoYajSlzoC76mkCTIn7KQFR3sM2wRUTjNtCh42DknAP0gJxHYLEZcoBjLcAYmRaZUs"
    "AsgL7xTkx+kSDgd38o+jcsnd8Ak+nmXbkEf3WRxqwpEmS8w9//4KcxMdA3RIOv9r02wcg0"
    "IuBgQ3Qgz2vs0ZbnLgn7STYUTznWdMt052TV2H5kM4ssW2MPrikiyIEMie6Z4wq4iGuaPr"
    "ABgt6Trpp4jxiiMdAEuqYAXVB7D7A619K0Xn+o3XaHmtZKDEhAEQLWP6VbRAwmf1Qqf/1U"
    "PMKr46PTt6fvTt6cvuNN5GMuz7z97t16BYxHKOHpDVvf5XXIoNdCYrwCVR4TsHZm0EnHNW"
    "gfQ5Y/chzZAMc8aIMTK2xX/LsLcOfwm2YiMmUzgejr1zlQfm4POj+3By94q5filhZ/4bwX"
    "sedfOvauCbxD+LrzMXI0B5Ip0iiDDkui/QFPM/k4nf5pvk5B32fb2oDvcfa/jo9PTt4evz"
    "558+7s9O3bs3evlyyevJTH6x8uPwp2jwxNwP+J8Ribln6vUfxXCvM/NRZR2gYNxYZCZgWy"
    "g7662EEadA3MNAdByp8nyfaWZSJI0rHO6iIG95j3UZXgWZ6pAPE8Pu73r0TPc0q/mh5jx7"
    "i6d3f9oTt4cSTlEG+EWQazoznEpjZxrHkZER+lWkvQ142/I3L+5LiInOetMuW8vBaFms6Z"
    "rc0smiLes5GOEDUP6OOzsyIT6tlZ9oQqrqUAbVtp82im4I7QKIGdFBQSIGZSTdgZpTk4TL"
    "g7vbB1O2wPhsOr29ZOmPnoTQFePnqTycriUgroLkVOWR08QahERwnRASldWE6KLfkE4GFC"
    "BXhBwKkGbayNIUWa65jlME/SNg/2s0I251mOzXmWtDkldJ7PhZspJTk9Qdo80I8KgX6UA/"
    "pRBugum2nMukcp1s4TmEcomwd5ZeKlrHETpmkezCfHhSybHMMmjrHOTW+OhQZT9O0LfoXh"
    "OUpHOkoZw9rwSQ+DD/voPeQ/0OgT89Hnihzoh5fXXa6uXt9EDPuL9rArrhzLs4+xsy/iuu"
    "SyE/DL5fBnIL6C3/q9roSXG5FTR95x1W74W0s8E5ctlkashQaNkPc6OBugFhl11zbWHPUo"
    "pRr1uox6gFFo2OXTi9WWyX1oaUCcGEP9fgEdQ4tcWbGH0Mvu0SNN8en5lD99GiATSmyTbB"
    "Csctn4E3rcQxb4HjB9cHbFCiGMpOMSEd4V2hQo0VWX99RYsCiilPe7MU5sduv11FSgdJcy"
    "a46cDZHq+N00FSYuE5FpbgzTwO+msTBZ5qayacC7aCo8wsW2ITx3tFncI7QD69jK0heSl+"
    "bH8/gZSOBU/iRxb3GnqD6QFg+z1BRywmE8nUQ2KhIO4yCDT84YmmBiOQASwH8lmjpyPMGL"
    "MTZNDhCgj5Sh+QHoXAzABCHj5XvAZghQxOkZwBRwOcp7AjNIZ8hIDZap7EYqlEaF0tRGYu"
    "wglMZ20AR/K4PwimI7GD8v+1a8HMWFpyakSxmAwzQNZOM3pwVAfnOaCbK4FONh5Mxxlq3z"
    "39t+L4ORo2RxtwrWGfgfMDEtspS93mLrvycu0eWUNXaxyTChh+J+/6lq8TUHeAFTxKMSAP"
    "7iuv1rfCw6V/0PcVeJ6OCD8nM23ONVxM9pQsrESvo64x6n3cLI12xtYU8GOsW1mRxpBz1Y"
    "92uNc5RSjXKdRzlYui5l30SJ1goPq53I3oKpk1gZSMCcxPgnbqPiKeHGuoT6kj8UJHqalZ"
    "Pc6bJnEGe5SPhpBy6WNneMuzgC/HcjL2C3077ttC+6re/Zay6V+ltWywppPpfIokOO32W5"
    "zlHQ99InCOgzsZ8BvLAcYFpTTA4ARcQ4AOibiNI8PDx8eQAWDmYMCXeJ9ITwXgmFngpqTe"
    "Qpr5ek02XrdxiREWnrjPflSQ0KoIOAbfJhB9igB4BYTHh3BO8DsTB2HnSITWC5zMQPiMpT"
    "jrWgADMgwKYFvTi/R7Z6sRa/HDkVrAn4LJbSQg6WJgf4j1I+obydKQ1zC+1kH0q286i8Xt"
    "JYe6NZCgmXGto9RzLdrdIl7jwxVca0k3APdXaytO5uu4NzIP6PSKffG7Y7w3Pgf+AC9OZS"
    "+9T9cg78DyNy++V22L0+B94xLsaLRfIVCuTLieOLO2g8uMXKT1klMkanthkktxl4IPGbMP"
    "5pHXyjpAriLIj9xbB1II6SKoiTEHM8xmgGzYlmTdaQFFnkCuosbuY/FpXaOxAjq/OkWacF"
    "NmyXAdlr3bwY6u0v+siXnNvgaR6TbHyjVM3DuZKtL575voGunR7NUyuR0eoMuty24aq1PI"
    "7I3c2F/O4dR+Sie9UV373jiFz1uUV6DuRBfuvfDeVXfhyRy+ub7uC235NdhL5w/bzbu+Da"
    "Of8/Ih+7ve5ANgk+8eudn7sXd1f8XPBJaPk3V1LH5wduBbR7ne4Vf1J5HJHurzf9Ab+3d1"
    "xL4y+yw+Eoe4fDUWKHw4wxW3tAznhdrol0UGvG+dgdivHjg37Tv+UfxX/+WXDDjWCFKOOs"
    "MzxFohKygxISMQkhx1UJyRmlqvOI1GaKcpBuOUaqIpuNc4RIwVwA5pirtqDFEKNShkLSUJ"
    "gjSrmuVIZ7QyQN5N1KtKusTD5D9C2DdTMT9+ylApvnme7+Oow4pRNBSUvH9FW/9zFoHo9U"
    "iuJt4MkkiXZ2mFjQvh7xYeK2jYkPU5EFKrJARRYUjixYbcRLDS2I7NPLiy1gM42GWhYKLp"
    "Dr/XLlH89t5PD5R+61ePleJCLlnQGZZ4HKNXiA2QGgFpBBXmIfBmYAEUMu1s8BNM306ILt"
    "32LLmznu7i4vSizbuy42DgXNOq/L06v3odlB3kn8O32OqcHLf+AZoGGJL396/gL9Jmu4u1"
    "+9bUlnT0mEW1FH0coXdNnvhV1Dl978+vxbFpTDWjms99ykUvsOstFv7r4D9M3GvLc1Rj1K"
    "2cBR35NRVpsO1Cgr10ClPt3yoTWbRtM0EVHlbNmZsyXOvFsAtmH5Q+Kohl7Ysv6r8Cw74d"
    "LcT5+5ccYf2dcwyMTZENwrzduyTCaV4uoLJ5rK9vPp4VZP+vi6suqQfLjlPh2/A1GayPgH"
    "BR8gxfoB6FhkgqcHoG0YfFTpAfiMHDzBumSCA9CzGKIAer6ZiI9v+7cYkQv4+M8hV9bAAI"
    "kb6Qzw388JbNP19wZxc+eVxe0dMIamEAuCDoi9Q3IfEkEmyK2jFNnyI8ZB5sP5I283ERc/"
    "zKXJHUUr07LcfqEfZbOQyiGzpyGuy9eiJMYBTfO8WpXA7MuVVJCfdpevqHfoMG93hpefu2"
    "U95h7VOfCOI3LZC84En0bkpttrXw2/nAP/gzxzcdn7qLVvbgb9z+0reSlyZh3/eqGyNjlV"
    "bZJFbfxpJ2Ugs2OVQiS7s8Fe11rcrwCdmNZCozZCZebOKJECNQ6qgcaYaSae4zQ3G9LxHJ"
    "oZ8TJRyribzSM99LuoTPK8foaF0Itu5/K6fcXf+YPTWBmxQFKcJsTBHBM8d+eaDR/nqWtD"
    "uWCnUCvA8wFnlu3amu46DiJ6ahrp7FiwNNp6xIU1Km8Y4zOwjRy9/PsQo/wB34W3JV4Fn5"
    "FLKe5hmgYaSCcF1L2T7FIfcYR9p0NJLg5R/YAcXEqaB6qxhonY97uGUh2iVGpgXA3keoUN"
    "TU1WLy0jJeJ0zTPxKyl4ukBjKli+BNIhkuaBXEl0kK1BSpEjfLHltmYlCJsHeDU5pi2HcW"
    "HgRfGmLCXllaxO0O6wVnXgA9/bUtU+eDNsGIhoFEmboVyO5MwelNmzdbPnAaZVxsjeBxa0"
    "36FD9xmgrmQTGCYPFtaRRvUZMlwzY8Z92que1s8Oh+O63xv+fPWlrIO91+91z4H4PyIX7U"
    "uRW0AeRuSXbveT+OodR8S/wTkI3+nZ84l5S6laAD4HO9N7lju55Pazw4lmeWZvZ5oAQsPl"
    "fzCtiF32KnYK6e4MsZN9scQCmBia2yYsZyOk0TZPd62kAjGffEVJeDMo4Mwfp6TVkN2DGo"
    "JCQ+Awm3fnoAU0M3wQT8/T8T52umms86l7UXaK9qjEtjFxHJG7XnAm+FSPqdhLVyJ42kFM"
    "lOQSIYflJoC8LpRHLsOmM6w5v0Up70WcsHnip5KC6AbE5qMIFSDGeuvhafQbu/VrNg7bdu"
    "tThh2NzuA9IhpkDInopQ1y0OV0V+O3oNU+B+0R+XAOPoxI5xx01hL5RSR+tsBP5AL0QnI5"
    "JxN0VEb8JAhrDHydnKdh3I7XBfxYAV4YcB2zcgvifvvmwVuNNo+mmYI8Sz+c1l9W1wli4W"
    "fmmp5uGaW8BDGy5oFdQSyvMOidcuJiRdJAhIsAnI1vYu6zbcd6QIamm1gTm3hK+ndT6ZVf"
    "t4RfVwZwiDy8y+1X3Ej/6mInLdg6dyye6EmNSolRmVtjbKKtDMtTXalxKTEuRGxMTA5A9g"
    "rukkAt4ZZewhU5Ov6ySLkk1iGaHUJ+N+xUhXrVWasMzFXCBf911qJU4EicToWL5L8Aqrq2"
    "ynJVKMuVaxtrjnqUUo16XUY9wCg07P7Th7fjiSwe64x6lFIlvarPICffbZX0qqqKZx5EXr"
    "aV0kUo04hVvYgkzPxNQKZZFt8YlQJWpRh7xhRjATduAdxBqKv94t+i4MZe3Qi6Az4bDi47"
    "w1aeJN4CygWTue0pwumTTwRo/iigd3d1VSyvG4NTzUm15ctkdAsykA3htEGyYycJ3QRkOT"
    "ndfESfTuumMb9lofINvLHIuQaXGdfe88+yT3EaMwqsBREFFSbYZMihYGE59wCa+J43IADJ"
    "1G2ITDFB6cUbtn2D1FRs4ZR24ufH07CptGrbV++y06r5DFjY9+o1r8rtulNkq1/Df76idn"
    "WT1hUr02GZsqEqEs7LuWcgF9VHYgxWp/pIV6J8UJuJPS4sbYaNXM+dYmUhIhknGjQtmD7V"
    "q2DEnMcDMLEcwGaOxZgpyhONH4Efjyfzj/Kv6JVYEE9Ophv1tOWCR2qK3HCKLJ03Y7OEGb"
    "WeJitJmLGzYkW1hnb7y77U1XWEjNLhJBG6HcaOPM8CwxZDR8ov7OxyGW+nrL2fq3hZa7cJ"
    "1fN5tKNIDv4U7Sieoz9bO4pUBiimHbUB5SNuolcuFRnZJb1XzfE9sIUTUe6KBRDw6wawCP"
    "LqOiIqHQeLGRc4wK9YmVSYtt250qHqpUPJodRmkM5KeRsiVNuZ8p8X5opnfBVN9KPMSKpm"
    "3qZ6X51GuVBgiZj61okYoypwaC/G19dfUp3F2VWro1TbrF5d36F9olh1jqM4VDJ906iLaK"
    "n2/QT3SVdxlLvq5CleBmak2kGroI08GyjUqoD5Y0OH8UEGU8dy7XNpeIgqbZQbHl5BKmRg"
    "BmSZqnBZLAogx3BKuN3CLE6VZvxss+si9a/UoquqZVWTzaaV7P5XZtAPaAapwGsVuFoz9a"
    "lI4GqRgL/lhJ+ykrNGxN/e2nnJaL94ZeENEWpWIGqlsZADS0KRVL4tL4NyjuIdtCigdIvO"
    "Da4GMxGBaCNnjqVBQg8ARxELzZefBP57JlXlqQMJ8zRiyRBp+vaWelWqdi0mK6VqP2Oaot"
    "XLk4Q5pyRBlExtLI/o2NvYWK60YaUNN1Qb3p2ety9IV6roSaxSFL0Aw2xFz6VFvau3DE4m"
    "cu8JCdSuA2BxFWzpGhV9gcUMEfBn4Lj9E2DhIU3xqG7enQogqZce99xBuDUKG6kkBlfpyR"
    "WXT4OULiwuisvGQCUIm4h4FSnfMdX4lIMfUtg6N/o5QqcK1RWPfjYhZVqw7abswkuCWMWq"
    "1DlWRa2wZYs2tcKmfAoq5049gOXzfElQVxSKVZX7a9furzjzbgHYYD2uoaiGXtgCqYtUZq"
    "itZ4Yq4rH1w0g3dNo2M+Q2wp++E1ZTAR9ZaFXp6W4jB+uzVoqv279ykOfthqs2T/m7s2FQ"
    "fud6+Z0f+DtYstRRiET56or56sRLVQJhv3kD0a0mDZVFWGpd9ez4jBDJ7mMznscHt7UojG"
    "dNFvD9/7urllQ="
)
