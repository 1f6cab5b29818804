from pathlib import Path

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True
# The shipped default invoice template, as it was when customers' free-text template names became
# references: each distinct name of an account becomes a template of that name with this body,
# and its customers point to it (names left blank fall back to the default: null).
def _free_text_to_templates(now: str) -> str:
    import services.invoices

    default = Path(services.invoices.__file__).resolve().parent / "templates" / "default.html.j2"
    body = default.read_text().replace("'", "''")
    return f"""INSERT INTO "invoice_template" ("account_id", "name", "body", "created_at", "updated_at")
            SELECT DISTINCT "account_id", trim("invoice_template"), '{body}', {now}, {now} FROM "customer"
            WHERE "invoice_template" IS NOT NULL AND trim("invoice_template") <> '';
        UPDATE "customer" SET "invoice_template_id" = (SELECT t."id" FROM "invoice_template" t
            WHERE t."account_id" = "customer"."account_id" AND t."name" = trim("customer"."invoice_template"))
            WHERE "invoice_template" IS NOT NULL AND trim("invoice_template") <> '';"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "invoice" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "number" BIGINT NOT NULL,
    "period" VARCHAR(10) NOT NULL,
    "period_start" TIMESTAMPTZ NOT NULL,
    "period_end" TIMESTAMPTZ NOT NULL,
    "status" VARCHAR(6) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "subtotal" DECIMAL(20,4) NOT NULL,
    "tax_percent" DECIMAL(7,4) NOT NULL,
    "tax" DECIMAL(20,4) NOT NULL,
    "total" DECIMAL(20,4) NOT NULL,
    "amount_paid" DECIMAL(20,4) NOT NULL,
    "charge_units" BIGINT NOT NULL,
    "issue_date" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "issued_at" TIMESTAMPTZ,
    "paid_at" TIMESTAMPTZ,
    "voided_at" TIMESTAMPTZ,
    "void_reason" VARCHAR(500),
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "customer_id" INT NOT NULL REFERENCES "customer" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_invoice_account_7ca923" UNIQUE ("account_id", "number"),
    CONSTRAINT "uid_invoice_custome_de52cc" UNIQUE ("customer_id", "period", "period_start")
);
CREATE INDEX IF NOT EXISTS "idx_invoice_account_3eb868" ON "invoice" ("account_id", "updated_at");
CREATE INDEX IF NOT EXISTS "idx_invoice_account_7258ca" ON "invoice" ("account_id", "status");
COMMENT ON COLUMN "invoice"."period" IS 'DAILY: DAILY\nWEEKLY: WEEKLY\nMONTHLY: MONTHLY';
COMMENT ON COLUMN "invoice"."status" IS 'DRAFT: DRAFT\nISSUED: ISSUED\nPAID: PAID\nVOID: VOID';
COMMENT ON TABLE "invoice" IS 'One customer''s bill for one summary period. Money is in the customer''s currency, rounded';
        CREATE TABLE IF NOT EXISTS "invoice_counter" (
    "next_number" BIGINT NOT NULL,
    "account_id" INT NOT NULL PRIMARY KEY REFERENCES "account" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "invoice_counter" IS 'The account''s next invoice number; locked (FOR UPDATE) by the transaction that takes a';
        CREATE TABLE IF NOT EXISTS "invoice_cursor" (
    "period" VARCHAR(10) NOT NULL,
    "next_start" TIMESTAMPTZ NOT NULL,
    "customer_id" INT NOT NULL PRIMARY KEY REFERENCES "customer" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "invoice_cursor"."period" IS 'DAILY: DAILY\nWEEKLY: WEEKLY\nMONTHLY: MONTHLY';
COMMENT ON TABLE "invoice_cursor" IS 'Where a customer''s auto-generation stands: every period of `period` before `next_start`';
        CREATE TABLE IF NOT EXISTS "invoice_line" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "position" INT NOT NULL,
    "description" VARCHAR(200) NOT NULL,
    "day" DATE NOT NULL,
    "attempts" INT NOT NULL,
    "connected" INT NOT NULL,
    "billed_duration" BIGINT NOT NULL,
    "charge_units" BIGINT NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,
    "invoice_id" INT NOT NULL REFERENCES "invoice" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_invoice_lin_invoice_284bd5" UNIQUE ("invoice_id", "position")
);
COMMENT ON TABLE "invoice_line" IS 'One line of an invoice: a day of the period (its calls'' charge).';
        CREATE TABLE IF NOT EXISTS "invoice_template" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_invoice_tem_account_2e7a45" UNIQUE ("account_id", "name")
);
COMMENT ON TABLE "invoice_template" IS 'An HTML invoice layout (Jinja2, rendered in a sandbox), written by the account''s admins.';
        CREATE TABLE IF NOT EXISTS "message_attachment" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "filename" VARCHAR(200) NOT NULL,
    "content_type" VARCHAR(100) NOT NULL,
    "source" VARCHAR(20) NOT NULL,
    "source_id" BIGINT NOT NULL,
    "message_id" BIGINT NOT NULL REFERENCES "message" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "message_attachment"."source" IS 'INVOICE_PDF: INVOICE_PDF';
COMMENT ON TABLE "message_attachment" IS 'A file sent with an e-mail, stored by reference: what to produce (`source`, `source_id`)';
        ALTER TABLE "customer" ADD "invoice_template_id" INT;
        """ + _free_text_to_templates("CURRENT_TIMESTAMP") + """
        ALTER TABLE "customer" DROP COLUMN "invoice_template";
        ALTER TABLE "customer" ADD CONSTRAINT "fk_customer_invoice__7aa13e20" FOREIGN KEY ("invoice_template_id") REFERENCES "invoice_template" ("id") ON DELETE RESTRICT;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "customer" DROP CONSTRAINT IF EXISTS "fk_customer_invoice__7aa13e20";
        ALTER TABLE "customer" ADD "invoice_template" VARCHAR(100);
        ALTER TABLE "customer" DROP COLUMN "invoice_template_id";
        DROP TABLE IF EXISTS "invoice_cursor";
        DROP TABLE IF EXISTS "message_attachment";
        DROP TABLE IF EXISTS "invoice";
        DROP TABLE IF EXISTS "invoice_template";
        DROP TABLE IF EXISTS "invoice_counter";
        DROP TABLE IF EXISTS "invoice_line";"""


MODELS_STATE = (
    "eJztXet3oziW/1d0/KVTZ12ZTlKprnHNzjl5uLs8ndc6Tvf0tucQDHKsCRYMgqQ8O/2/r6"
    "4Am4fA4FcwpQ9VdkBXwj8J6b7v/7WmtoktdnhmGLZPvVYH/V+L6lPMv6RvtVFLd5zFDbjg"
    "6SNLtNVjjUbMc3UD+hrrFsP8komZ4RLHIzaFxmfI0F2XYLeD8At2Z8j2JthFrv2KRtiy6R"
    "NDno3wV96JxW9SjMLuD6F/0zb4AIQ+rd+VT8m/fKx59hMGMt7h7//glwk18VfMoj+dZ21M"
    "sGUmwCEmdCCua97MEdd61PtRNISnHGmGbflTumjszLyJTeetSQDXE6bY1T0M3XuuD3BR37"
    "JCYCMEgyddNAkeMUZj4rHuWwA6UAcPsLjW0rSb24F23x1oWiszIRFFDNjwkmFTmEz+qEz8"
    "+id4hPfHRx9++PDp5OOHT7yJeMz5lR/+CIZeABMQCnhuBq0/xH3d04MWAuMFqOIzA+vFRH"
    "fluEbtU8jyR04jG+FYBG10YYHtYv3uAtyp/lWzMH3yJoDo998XQPnLWf/iy1n/gLd6B0Pa"
    "/IULXsSb8NZxcA/wjuHrT0fY1VydPmGNebrrZdE+J0+561hOv3xdS9APl21twA9W9p+Pj0"
    "9Ofjj+/uTjp9MPP/xw+un7+RLP3ipa6+e9n2C5J6YmWv+Z+RhZtvGsMfJvyeJfNhdJ2gZN"
    "xZqbzAJkF//LJy7WdN8knuZinfHnyS5727awTuVY53WRgnvE+9jWxjO/sgXEi9bx7e0V9D"
    "xl7F9WsLBTq/rm4fq82z84EvsQb0S8nMWOpzqxtLFrT6ts8UmqlTb6uq3vxD5/clxmn+et"
    "cvd5cS8JNZt6jjaxmWR7z0c6QdQ8oI9PT8scqKen+Qcq3JMA7diyczR3407QqA07u1EIgD"
    "yLaSBnyFdwl59+At0efxKdGliOcryT3fGIrfvBWX8wuLpvVQO8dXN70+0g+H9Ioz46KPo2"
    "pOLPqN+Ky/9TicX/KXfpf5IufJ9htyrLniFUO02FnUZn7NV2JaLnEsDjhArwkoAzTXeINt"
    "IZ1nzXqoZ5lrZ5sJ+WElFPC0TU06yIKqALVDRcqqm40jOkzQP9qBToRwWgH+WA7nsTzbOf"
    "sUQ4WoJ5grJ5kG9te6kqC8VpmgfzyXEpQahADspgTBwQ1q1qIMeJdsg0slfiGZORrbvRM+"
    "3jsga5Rrc00+ZiO2VZ3P92f3sjxz1LmQLfJIaH/oMswsrISKtNwl/GPjUAVjTyieXxBzmE"
    "8f66rRkpmABAKqF5iXA/uD77e3pKLq5uzwVkXHx/ckUvooPz1PQYfGVzyDRdIrBe8jsemW"
    "L59CQp01MTkh5GX/ZR/c5/oHlLrVm4TxZMzaB33eVS2fVdYn4uzwZduHMsrs5SVw8+puZs"
    "3gn6tTf4guBP9L9c9EtP47zd4H9b8Ez8tLU1ar9quhkz/0RXI9QSs+475oqznqRUs16XWY"
    "8wik27eHowV46fY7Y1uDDSjedXfqxoiTuL5QGSyjOeSXbr85Dyx5/72NIFttllEJmJHfIz"
    "nu3hEvgjWvTR1cVSiGEkNP+Y8q7wukBBV13eU2PBYpgx3u/aOHmT+6CnpgI1cm3dNHTmrQ"
    "nVedRPU4EyTHdNiC7MffQJKAuOxvzpVF9/b+IofbF915rdi/4au0Pxu2PsYmpgzbXt6bqo"
    "zXvr24F03lDMPN1Yd6u6CHppOEjaC3bJmBgCDE5irv1iBv3+Euv2IjRsNRJGn3n2FK+96Y"
    "fdNBUmQl9sYqy7tnpBLw0HSfPw1OFQbAitQdhbY1FzhF5/XbAc4OKbitGUSyf607oL6jro"
    "pakgxf0U10TqRnR1Dj01Fa3IUB/Y09bE6y7sbBDZ5pqImIsZtqy1WYV+2E1jYbKtdTeqPu"
    "+iqfCA1Q+8ktaE6J44D6y5i2gDCDUNHlCw28d2nso9eSvLlApvlQAROaa3FA9s/l9pxvRi"
    "0eN+eQMUQjw9nqYgnuqUc01m2B0QJw0Rski2uYmiIJAtMIaIRmUC2VxsYuoR3UJj20U6Rf"
    "zB8ZMr5godjIhl8d+M2Ixx8aONLi77aIyx+e4z8iYYMczpPUQY4nIq7wlNdDbBpjTMbWsD"
    "qSA4FQRXm01gB0FwjovH5GsVhBcUm8H4bZdv0p3wYxlvwrQVO+ZM+DENL988NdhdqgAcp2"
    "ngMv74oQTIHz/kggy3UmsYu1OSZ2Qt8LFKkikHq4Qrh3KwUq427ZUcrCydeSA+rjLvadoN"
    "zHw9Gfu6T7TEpyo70y5+sZ9XmuckpZrlOs9yFEVSSb5JEq0U2Fm7LXsDok7GJTEDcxbjH7"
    "mMSp4oF9YzQZ45vmKLnvYM4jytB7/s6q9zmTu1ujgC/HfjINT+4uz+4uyy2/oj39mzkpaq"
    "qr5l4c8o07kkvB0L9C5zB8uSupdbipExgUwk6MB2kWU/EdpGDFOzjfBXiCY4PDx810avLv"
    "E8DOoSoQnhvVKmByyoPRaXgl6ySpeNjzCkQ3pmeLyvYNdgSHcxciw+7YiYrI2o7YF2B9Y+"
    "Ao/cTtQhsZDtexZ5wUxccu1XhoiHAGxWUovze/x948uI305cinwuwiUmacGPrvQlMX+amP"
    "N/VFITFaWZaZimaCdJZfL1SdVZlcaKIM3iUfhGoj1zJOWaluUpEpI91Fnv0nq47/Y7CP4f"
    "0ovbm8HZxaCDwi98T73raT93f+ug8MuQ3v92P+hed1Dwmd7ZSynGyoXZFkTZpnU2AdxgQq"
    "vKV6boVM6QbM6QAKTI+3IFfJOkCuI8iEP72CoQJ0kVxFmIOR4jPNGtsWaPV9gp8sgV1Hmr"
    "mf9YXCmzR4qszodmnWxuxKkCctC6eRkONm8HEi85F8tlSpR8fJNUzcN5K4lpAol+DV5b7r"
    "xTqy2jddHvctmGs9bic0gf7i7F38HnkF52r7rwd/A5pFe3XCLtIPEh/rp9GIg/+eeQ9q7v"
    "uv372xvRRewPzp93by45d87/H9KfujfdvmgSfeP3L750Lx+u+LXoG3D5d1eCx+cfXAo4u7"
    "noXvEnFZ9D2v373W2fjx18rsTxl8k/cpSff+Qok39k4nkORAKNVl01iQ5qvXB+6g5g/vik"
    "393e86/wP/8Oq+EOlkJy4awyPWUcFfL9FDJuCjHFVYWdM0lV5xmpzRHlYgP82aul8koQKZ"
    "hLwJzS3paUGFJUSlDICgrTRXhO2dUbI2ng2t0Kd5WXlnuAv+Ys3dws3HvJwBZpprt/HySU"
    "0hk/pbli+ur25qeoedp5KYm3ScbjLNr5nmNR+3q4jMGwjXEZU84GytlAORuUdjZYJAWSeh"
    "skcgYVuRt4E43FWpbyNxAuAMIZgEwd7PLzR4RfvPsMVYV4ZyiI2hRmeUS8NmI2En5fEJpB"
    "PISpKez3U6RbltzhYLNDgMdBz2PI4UMYxNEtCAHREV/h4zHiYzi66/EVjEAj1IYLOopYwu"
    "8YCm0i6ABcDoL8jO868WJKQ2qP0SMQPyKdmugxpHgUkSbYO0Rn4VjD1p2gR1fw+4at4Dmi"
    "AcKJAHcJMEfGNQe92xv+c/TQ1SEIZhE9wqjodWIjnT1jEx08LvCy3cd32whteXjoXVbwWP"
    "B9Yh4CzSo7xXLHhdjBKEaC/z68xakYJGYNZO/4YSd+erFvwjrm690brltCz1UR4VZSR5ZY"
    "2XGtWC9gLd4+gEPp6pWufs+lSRWFkY9+c6Mw8FeH8N5WmPUkZQNnfU9mWYVgqFlWWpGtqr"
    "NXcpFTznHLYI0Ln9WwlVAqgLMAV/eGUw5wSj36durR9NrdALAlUyfVbN2WBTX2ui5H1Fhk"
    "EV4T1PL5iPcU1+TZvRza+HmkFu0ScCWHd1VrSVywGXMGerKR1I/9oK/GZX7cpm1pUUVBYl"
    "lKlFjItyuNEs1KGZWGrXtMTdSFQtfDFhhhwiv31/f8b88OQkjD7OtgI+G/YDa307AOIvxy"
    "lIsWHdi8Tyd46TLWpS2NNaQuNohDMPXa6DFMaHs4x4K/GY/vRKxrKlSWgRErFi97iB6jdJ"
    "5AA0Yi3mxIIeZWWKSiu+h1wnvR5/Yr3sDjj9aJLoD1CSObWjPogLhzQt7HoujGKoGzMQVh"
    "tYDXbyXadWt50WIrowK6KSolCUhUAhOd0rwwmOV2uBh5nb3dWt3rs95VB4mPIeUbXgd2vV"
    "VsbmXqJuZXTcyWAvVH/8QyZragSOWCZIfmz23ZlncQgDSyzVkW4Hzvwqh9nVd0bZ0LozNy"
    "NKseYCejbcQk7GCRz5kwLUeXU3BKZih3pz3/fl/OSWVV/gatysoQpfTPNdM61dc9F6osSp"
    "QnYfHFfLWJETYol/VLtyykh76gomo6F+/BPRWbiHif50oGmy+TNqL4BRxcg0LGOUm+1ugQ"
    "PGxv7Chr1/tnPEOxWUUHj4kJ/e8f4Wc9vkMT7GJQv9iBImSqu89hti/I2o4IZdj12JAKT9"
    "6R0GKgiU9NyN3OF73PwN1W/IsNh4wJNp5BIQMJwsRteJ6Jbr2IX8IQvAyfA50K//2YeaAY"
    "sS1IKwa/aqHpiTQ0nP47hsIFh0YYfmf4dLyDthhjrh0SKh5QugwDjJg99t4HazM31XxSuc"
    "InAlb1PzIaGCNWyY3/fFdlG6tptrFoCquw/AuSBnL6R8efSsWVfyoILP+UURl4ursaK5qk"
    "bCAruiesZzknKMpe+UGxyjynSJWzW53nGcwbq0xynE69yrWeYsG0VJzeiEZNba2n1vTduT"
    "W+pH4gTqK0AxJdG9Sz4lvbCtBKKBXCMm2mRSox6UHzxlmbNh/nxR+Ly8Y5yzYf4BSZAroK"
    "0Fr1ol5y6sbBflImq9lJflazk0xWszhwQnPjSiyr5XCPkTcO+DK458OeQd3ggD5hjf9ST+"
    "YaWKDfSlM26TTcibIr7nYMtZpWmIIEnZqAlSfAMatY4cLWypKdhtEkjI9AseFphu4zSXKz"
    "fMlFQqqc6iQBYcK8spJWJ0XaQOlfuQsod4Gq4uqb5bdsIrLKEaOyI0b0AGU9MW5u0dmFyO"
    "ojXccbwPci1lVTAU69wHkIv5m3yxfbd63ZvT+d6vL6d5k27SV+MNpENNdYrP1St5gBeK74"
    "UxGxAzE5sSRuF5d9FmRQC02/4NoBbR4GFwjG+owg2/LU8eHe68S2MBq79hTcP1qpydzWOE"
    "MqqCGoRziOiG6ABkiwqHqnwwBBJjrQ8EK2O8YbGFjU2HN9b5Kb8i3PeyQvxEf5l7y5xJfv"
    "X6LsaI21o+meh6eOTLeSzzjHSBRzJ0/3ArI6rpjtZUGjUJXpT3LNkkUHQVNNkjvWAS41DR"
    "fNQcOtw7vWhyujRA0mQRkl3twoAdJaNfRjRAr6NdZ+IE+uEpOXJFWyQb1lA6VWV2r12iOr"
    "1Opvkl9P6dSroFukUn/78NG+bVm+c627zy25Nj3WoL1Mle6Ktto0arxUjz5sDSaExdXacS"
    "20KZTcQ94wlccqsNjz1rFcVm0RmOlPAzVKQou+lVGG9CAMtXwXBYzCz3/vOxF9jCzQsM/1"
    "8UHoKzzENsqmKOW4Uo4rBnhNBlgxajti1BQzkcdM7KGB3qZj7GI+SX3bnkoZimSLYo5i3p"
    "YzFmHjpRzFGbqwdMbQKVqQIyAHu/Wi2lqbH8a6MeGHPz+XdYrwV37wRzXR4HAOeeLvWIab"
    "2PgIQypqrTm6gQ8RWPzvejeQivMZO16QU1Nn0IPuPtn0GE10NimV3WE+Ysb8Xomd+FZ4ia"
    "0l0lzMQyVWLUHWpJNkxzrLqjXn16o2Xzcv6+0nwXMI1WBLqgJxnEbBXApmGAGSLRMoK0or"
    "OW3ISFWMRnqbAOHcNWHE7C5t2xbWqRzdBF0K1hEn3Bau8yu7FeTOb2+vEjLceS+dofTh+r"
    "zbPzgSq5s3Il6eMUnld/wGAzbCRG4rzHqSUs16XWZdok8Jn17ZE5U9cZ+QVfZEZU+sPbp1"
    "tieGxb3kir+o7lehxm/eqFRq2qAaVFLxFujQ8HuouRNWtEGQXFa3kGU/EdpGwYxHZroo2e"
    "rrhK+Vl5xCPtsYaAi+gMjQGUYHjxh60Z7x7PHd56AnnbFXLlnkawKJKXSB7UVeWgAPvRJI"
    "WOsNqQgY0im1PXge/hTltIbRgyzJCgvzGzRro0QHuTdUKZ+30kDuVAVWt311B8qZ+ZKviH"
    "FEo3Auh7PYm6qAPCdoIMInx2UQ5q0Kck3JEa66lBNECulySDscpUqb8pygiRrzUntFwVaR"
    "UZfbI2JVgndBofBdjm9U5VaAJEW5RCG7VB87TEn3U/em2z+7alVDPyLroPDLkJ73rq56Nz"
    "91UPhlSAfdiy83vQtoNf86pPdnV10ogAcfQ3o7+NLtd5D4SIsbZebz6GOJ+TxKq/tiGe4/"
    "ZnYjf2QRQ+OyApaYlvLrtqXpGpBWsEjruo3qbY5LXjg2K2CfJlTgVwY/YF24ME74kDJf2i"
    "LTX5ZY2f8q2P+CE3dV8CXUCv0K6BNH0y3Lfs3C/rf725scfUuMJm1/I4aH/oMswram2W79"
    "ZezTwJ1+5BPLI5Qdwnh/fYPNCDAq3ozS+047aVODDjInQajyq+5PkyZsIAt7WqYKMG+Vz8"
    "SeZioBz3GDmspPKxmlc7pQ9V/qY4zO+iBYOvM0oaNfYcYzxGqu6zzXyssof4fdT38T5WX0"
    "Lc668jJSXkbNQFZ5GSkvo9qju6aXUax0KmYQxCRLlhVS/vhzH1t56eGi5ex7k/ugp71lpz"
    "OYJ5ZnoMgyokI9pkwXXAWx0OHql1i3F/xOg5bsHztwZcvAl+/aJkN6qaublpl2QVYizBXa"
    "IoaphzwbOa79goMkE3NHsO9Y5JvGGSjOYzGofx5oTfmPnY6g6DgTVcrtV3qIBEeYmo8tDT"
    "OkOkVfrs8u3t9/OTs+/RhFxIqxDny+ytzAYc5xeO8Mc0HMg8ro7yJfuM9ieN6Y/834o1r4"
    "vc9RGlL81SH8GQKXOLjpwJPrYw96tG3Ep3uGXl2bPvEVRLB4VsiCzfuj+BW7IoG2ix1LNz"
    "A89CG6hx6G1LVfGSTaniF+5PDfGjxu4HD3ZOOgljyUovcFUrD+Fkk+rBmyyJR48Ds5lCYr"
    "mfXj97hDpPKeeyvvOdDsUZzjd1TCzL0gr7NvTKt7fda76iDxMaT312Cuvr5PbwlldLVlCr"
    "Dnl1/PFF/ftwKP++2XBPtqZQNEgqiBSG++mObeJF/fl/jd8Ohfpap7grKBGr/91fBlFbuC"
    "o1thkuN0ymBT5xlWBpv8PXM/Vfeqjt8bqu5DPUM1zX2CSOGqFPdvqrhfKEHW1dsvemoots"
    "k3t1axwZHNRKZBjdlTClSm8VZLNaTdF+zOkHi4uX4x7AAZ/Nd8x9C5zojRRpCTkDy10Vmg"
    "v2yjuCa3jW7AvRoUihnt6OaHGNJLffanAedOUB/DQIaH+O/nBI7lBwpFYAHei1jgkW7Bch"
    "e6Tou88MEDTVOghSwV7LuI1c2oHmOt+Gvl+UzF89ZGI6nieRsYz1szkXIHMIf7ihTk5Xr1"
    "BfUO414gv+4v3VY1zEOqDgo+h7R3E12Jvg3pXffm7GrwWweFX8SVy97NT9rZ3V3/9hcIKE"
    "tfWUU5v4VYwODYqaLKjJMoVWZaZhtbXHRmDpbFxORCmiRSoGZqSOIR8TRhh5XolbBBprqV"
    "Z0hKUKb1SgHpYdjF1nae7ytuOpvQHV52L3rXZ1f8nW9/SAUURTvFh2zoNaFk6k81R59NsU"
    "wkLgRbQq0ALwbcsx3f0QzfhVTkROY3lB/RJaNVkV0JnekmIrs8SMGLXaP6+5Ci/AbfhR8q"
    "vArhQq7EuMdpGiggnZRxEch3EEgjHCodKq7iGNU3uIIr7eYRa6wRqvlMAvRSpjpGqdhASQ"
    "nlOEirWBmlPSibcp1typybdHRLq5w/LE3XPMXOVnzIXvGIwUZXAekYSfNAPi2lPTst0J6d"
    "SgpvaDpj2AUNvEzJXrCo04TNA3w7lU5EbldNNwzMZMEZRdlKMrQ7zFUSWT72NlVJCN6EmC"
    "amGsNCUqwk5ub3oITdjQu7IdiBJVgLLdIrvjCSTlSWnwqvzovuVsopFrVXqcQqpxIj9MUm"
    "BtYYFP3z85JPLrdryfrZ4XRc394Mvlz9VtXEdcM59w6C/4f08qx39VsHiY8h/bXb/Rn+DD"
    "6HNBygg+IjVU2AWOZ4P8o/3Y+yYrdwZtAi8DnYufrrwn2rsB+1dVVJUBZCaPr8nz6rYl6U"
    "ke5OFXKyL7oQqDDp0oAtBacePnZFUSK/h+bJFEelZIqjApniKCtTuJ7Du3Pxq26tHGCY7m"
    "OHh8XV7cXP3cuqZ0VA1UHB55A+3ERXom/1OBPmpf00F3t8C4cQ7Yo7UVEXSjmbI+iZ9pQP"
    "UUmlkSZs3vazlQSIpk6sGXiNUHM11wgZ/doWnprNw6YtPMwjrsYm+jOGDIIeBke23NjmMn"
    "5wud3V+C1onXXQ2ZCed9D5kF500MVKW36ZHT9/w8/E5Abe2XwlU3xUZfvJENYY+DppVOO4"
    "Ha8K+LECvDTgBvGq+UaE7ZsH73a4efxUMUnFgkJBXApiUD5zTi/KlFSeQUyQNQ/sbZR44Q"
    "K9W227WJA0EOEyAOfjmzn7HJFNy9QMi2h2mHyrgqJRSq8UjBUUjPHyHWECNhf/yyeuzO++"
    "dCEQSU9qVlatCrLetCzrSs1LhXmpXJ5IlSVa3ZYIHoP/rlgfME6zQ8gfBhfbQn3bObhMwl"
    "nCV/7r7NdK3iRpOuVDUvwCrOBDopIA5b8VzU0CpKo2NG3WJd7ZmczXQYqSVWY9Salc8Osz"
    "ydl3WyX42o7NNIIo8JSsWKJDTrwSzjV7dTYNc+RSBClYLeHhVSmxjZxaAZ0Fmm852LKqLu"
    "QUlQJWZax7w4x10WrcALj9WFf7tX7Lgpt6dRPo9jnb0e9dDFpFR94GUH5gTUZYfsongOaP"
    "gm4erq5ahYfeBpDuBV0OYj02E/ScIz9neefnZIzpRExZLEelmkDmPuYzyEM8qTAyXY3506"
    "nuSjOgVETpi6jaci/6mzUZMte2LN/hO4P7vD5qfdHZNe+rsZDZdIwhWwjmyNnT9Ut0hb31"
    "eWcNxiwvALB6ObOmguTpT5orNUNUAinMPjvQn5oKVHisrglUyIU0FiRH031vsi5IDlRdbC"
    "pGQW06bWTZxrpH343o6hx6aipajC8pnwtJayJ1T5ySotbeoASce+mc6VnRyvBdZktE2AjV"
    "W4oHNv+v9J52Me+wGXKVAHiFPPNwBhakmg+PyOXZ5jUvbLk04zyfJcQbQyp4fZ4IHkpVij"
    "7hclgFEzEbjYnl8dcJvdruM9It8swbUIRFRnlMnwjFIoF7It/8NgaQZoiPZ9qHn5/ODg9/"
    "qmzvu8r2Hi7A0n5AQfNtuQDtFNnt+5Or0vY7sjeo8utFp1x7s+XXKzElFQ/YSHaSHK4xsS"
    "r/YCWxRqXO1AiL7xgaEctCYzuo0xyo+2bIwS6xzUN0zS/ORLFpmqjFwumiHK9t5NpQXzpb"
    "y2VbAw2pZ4tjeUoo746vQw8dcBb4BYTYP0XS7J+m0OWhM3t3iB71qdDWOzoxH9GTqDytMx"
    "SmEYF62J7HT3vifR5Sw+bnOTbb/C80wgZ/CIbuznqX5Yq/CLElKOsSfzuDn7n4pvH30fWK"
    "S8TE/K/+kSoTE1WPUUzDLpmGcHKzcgV5ysV2QdOkA+3Px8cnJz8cf3/y8dPphx9+OP30/R"
    "zr7K0i0M97PwHuCd5CksNg/vasEswde/dqnIq6tY8ZnhKbWWZ6ih0N07QNdDBtkq9hOF2Y"
    "St7DUhMdUqpprvU072H9qMv+2Y+DVtXdFoj4bgsfQ9q7v3+AXEnB55ACv9cRXN+Q/nIL3+"
    "H/Vfbcj2UCbPLja1QxhqUIb7gYA/NHnu3pksxhhVl74mSqHEMce0lxHVW5ZWWgq1Ru4WhV"
    "x/cbxbVidajqG4TaHUqCG1PVVIQ4RamALgba4BzDE9ZAfSYzQRcoNdKUjcm6uGO9BmFMZN"
    "OVeQGDTJWjrktQFclTe8jbFS1yLh+lo81XgM9U4MVW3yohoglCFSFaZ3EezsIVZjhGpua3"
    "zvP7YhNzpXc4QajmuO5zrLlYZ9XSIKbImpc8bisVwFSSlHz09zNdhkqS8i3OumRnzThgq/"
    "QZW6oHq/z/VL6BHXN6G883oHwrq6Bb5FtZLSIb0s9vJhLtitB9PHA3ExWzmgPqBbwiwq0x"
    "zw81atEu4Y6qGbHGS91SBxOMwpf0O4Yo/uqhsB8UONF9RhANhk108ONtHz3cAQvxDo1mwl"
    "+Ud06ZHqRv9Ca6hzz9GTOkt1KYb2mYIQ2I2xAmEnzlV12MYBqx4XvkhQ9LTaQjCA/H5nuY"
    "NxQuTejtibdgwqs1IEfQIM/ntGzsSG04nGb7hfJFpK3kHJok3B3Lc7RdpHdgRslwRVUc90"
    "twUFGM4Pb5pzd9NTbJPW3+NArCLgsOo3lcZomzaNF26VH0K99mcSwekB8UIEe+j23XsCBM"
    "1gmD/wIXR4gWfAy+PqIRHnM+ET2Kd1w4uT5mzqItjTOkE53xG5iiCae24CwLYTDbyHbRGO"
    "Io0CvxJoja3oQ/jQjOAMjerXvk1Ej4a/Sho3zia+oTv3gRq+oSk5QN1CXur+4wUBlviOnI"
    "Vy1U5DrWUSzsBdtRPWRzE3yHUBzkcx2RXmE5z2FFLUvFZEJrkYeARhJph/MGpj6DiyB8hq"
    "f/AQiJhm5Z7DsUeGK9k+c1WLdDabBjLNSUv1JE/ACVy+BNOYFoGspDGydRinaJCSP+GFIW"
    "K8e3LElWZ95qRaP7Vkpo8i1JzivloKzLYlm+Lec9qEo8dWSOu/l6vRhJYzx2N2e0tCnFho"
    "crSa1xGgVpGlLQKWBTM303pxh3kW5UQtwYhHfsZq4c/d96BoLIFMkZtzycRXbSqUgWeSGR"
    "leqHKHeTsu4mMdFvTY+I5uWKbeekqq9trql5tYB8RUe8oMByZUe8oMFyhccZRV8G11dz27"
    "ulz2zfQwd/I/Sf+nEbuZjPr4tNyAelI6ZTc2R/fddGry7hbCyN7PELS75uTqFiY0YRss2B"
    "lmaDAliVcuRNbfP6tFLF16h9A0X3reR6HNmmRHbPr2ActW8EvkX2jG2UMFbBCflLfT/d1F"
    "Vwwrc46yo4oTYyjXKh36IT2JK0xRuqzFIC8ZrFMb6Ni3dQekQm7s2LkhRIeUH5k3LCXe8O"
    "/NgmmHrECNzYEun1O4GxGY1de4oe+ZbId032iA50LoEFf4CT2kXvso8o9iDZPshjJBg9Id"
    "xta6AhffSwMdEcF4/J10f0yoeAfMDgV2dT/ovBtTuZpvhwSDmVq9MnHLrhCX/v8AoXMh/n"
    "ROFYXJYcE5d5op2lw5fwofgoR8ef3o/4iKEv+ZAe9O5ePsAd+Hw/5TPFZVb+/aNwOR/Z3o"
    "TPxpRYBDPEJjCUSLPs6AaOSbOc/uTP6N/Ytd87fDTIpRxqE5FJnogHnob/8nXr/SsxeY/i"
    "GgrwBqy4pIxE2QPxM0I3d/59JgbACNIzu4GvIiRStoJXWDwhZFW2dEf8WFG+ilDIvSxAEa"
    "8hEkghY4KNZ0A5+E1BWYVy4jYXOjBlMoeERLPYHKkMyruVxsMFXkUgj5E0QmZMyuQf/lxC"
    "JP/w51yJHG6laj3HVncFmFNkDYT6pAzUJ/lQn+RALc2IuwxoeTJcBbMM5thJXAXoFFnz8l"
    "8cl/PEKXDESSO9OECzjHmBlThB1qAy8bs301Ma8t1lHVBiJI2xzW/OpcephKWjYJTCSG1P"
    "FpGdr+OfEzRhz1U6/tpMxZ5qe5WO/1ucdaXjVwmImoGssp6oBES1R7fGxR2v7CdCz4Lgi5"
    "bE/JK43y4ywljQUtNjTZeaYroib4Ag5LjN2qIAozdxbc+zRNz/bGF1oCb8id9PdWJlHenW"
    "6mmNhAJKEb8FRTyGmamiTZsTNK8G8kkpRdpJgSbtJKtKI04VdIPWzYP244cSyH78kF//6k"
    "O2PJNhYGzKwrTObdvCOpUjnKBLAT3ihPt7NEoVjre3VwkZ6LyXVj08XJ93+wdHqRgLSehK"
    "ZYl0l5LoTpf2fgqieeqHtZJZbJg7GgRsBM5lj+YNSvBHXrztUgZJdC+S7b23x+MwXcJBwL"
    "q0I47mHXJ04orcScLB5HXCt5o5u3MA7FjE7khyMWx+CPA1uccYzYteJ3/5oTMLuTOMHNsi"
    "xqwgn4M4eoLjXYUqvCVPVieW4Q3NmpvnGerH7L6lfX4b3O6Y4+W7MitR7q4QJ1E2tzTXBe"
    "6AWgjRCkYBCbmq8VIfQ0DW/jMKcg5rPvVkW1XxbGeI1VzXea7nougKL3aaVs103Wa6JmLV"
    "NZca9CepQBXdaheJUtNYo1LZ6wLRBMSX++t75NnC/dzFBnEIpt7CAx20x6lE6mE2OnBmes"
    "JBWnVD91nAG2Sy2m1joCElgRs+Ey7pYw+7yLCnU+IdokcL6wwHm+sjmuruM4NAcUxFyLjj"
    "2rBiGJ8AG2JbEQcS81azsIU3pIISBqbtMAW84epsgsVopsj6K4ZAjEwda4ZcnzJk+15Jxf"
    "nvnC3VPV+AJTKIhvYB2CF404Tre8xFpJrne5H7X8Pku514/eVLgW9nu67ZQbCFBF8e3wcq"
    "4pogUrBKkny5tm4aIG9UAjZNtiVo908/lPEHlisulqf4jpHXWY3R6l6f9a46SHwMKT/TO3"
    "Cwp4/+MqqN0xKKjdP8YpBppcYzyYvsWA5+RFtr5Aecwe0g+H9ILzine9b76aaDom9Dend2"
    "f//rbf+yg6JvQ/pLt9/7sXdxNujd8rbxv4a0d/PLbe+i20HhF3GlNwjbLr4Pab8Lz3TVu/"
    "m5gxbfV5nzo+MyOU2O81OaHGfCTewqqsKgdZ2nuU56QuaP/omNSoFpMZLdodxq7QTjrVSw"
    "BSlE87ggkEW5OC3PnKgBOO/aa1/gN/GmktN6CegRkYqVqI46wzrkiK2agypFppCvjvwE6y"
    "aXNkMtkZT1z9/SpcSb2XTeVoGw/UzpC1XPKlzpgnqHW/z/PHQfupcVN/qQqoOCTy4XdG84"
    "rwr/D+mPXFKAe8HnKlzjxzIm5nwLc3pWVDL2bZg/sevaEu/3/H09SaW29erbuuPaLwT2Zh"
    "ePsYupLNlv/r4up27CPOxgZ1dxn/noN8vxMlMsLmawqTj1EvIGzv+ezHcp43/MmFh1slOk"
    "yvRf53kGQ/Iq/h0LMjW/dZ5fFbqtAox3+9rsLD0r5yd0YwLJGddM0Bo6Gp3N+2sQ+FtN1Z"
    "oFLt+NK4nuUocuTU+2X16oA42JhQPHKFExXKcoCl1hng2VM0YzNJf4OugV3Ko8GzyjTN/A"
    "6OCR2b5r4Mc2Cr/xFfr4Lq222dpAQyqyt4LjV4gBIgxxfMgL1P1oIwr5SsX90czDDB2Ir6"
    "79zK+Cvxb8afveyP6KXPsVKrLPEJvqlrV2rXTlafWWnlaw3KqWB4nTNNDoux3Nhk09YGsF"
    "UBWwTtM1EO+tlGQJ9r6VbQRz6jrj3QpdTLS7yx/n/ibwxyrWgM0n0pwfP9X29wRZk8SDHW"
    "fSLDJLFuFfaJFUE1A8AQVSXCyYYE0pLha7sGcTUVaKS67BOuUxuhH5/s8h2KwlkUfitwsl"
    "kaBugDaat1wqg/wu8pKDGMA/0H8hRv6N30XRHIvKfCK1dhtN+K8BUQHiQiK/+EPExVWsM0"
    "hUpKP50AkBZCujQH0FmD9RJgHkh04gacA9kEPGLuadP+lQfRDiRRia8E8u60CRQlFqQad8"
    "EJAsgraCslQ5hFiFAxXT/0Yx/Tl5+AuZgJwc/Or8Kc8AwKtbYTVHzZuE+MZ8MXTG+BG9km"
    "U6RdpA02SDTdPKwqGS09YfWWU7Uslpa49ujZPT3vEz+tV2zYH9jGlLItYlG7SLBDsnbMpF"
    "kqhtCfMSSEsWfu/DXfzVIYA4Yth7H3XHxSD6LIr2EfpCvLDOn8slrHkLfuphT5J5baO9i6"
    "RrgSFKD8S5+y9n749PP4KMSDzGuzVc7AUCXvAdLmNrzEcmzIOidtYsyktQKTnu7y3+A8Qb"
    "snIEvxLl1hTlHN/lHNbKevUYed0V6/khm2G05ipK9qNylo4CQ0c2UJPvMtpEZ5MqVqUkVe"
    "OiTjafPU85JudD31zpT5yVmK0w60nKBs76nsxyOTdVZ0U/VUc5qu7HDCs1znbUOMCQVwM1"
    "RqEQVeqbt1TfRNLkmsA+sEarbWIvbK1UNtgltkmMvi9X2MRutwvVNWFDzfVLKmt+BUdaHU"
    "WE6J/2CCzWEIWGTB9/Rrr5wlcMqFgeRWga75kzCY/QSCRetHQyBW2JSNno06zCZisjrOGh"
    "W9U/dLO+oTWSKzfoqZivYonNaFWGNEWqxI5aM6UiUl+8q5CHRZK8Jf8Nk5CqCPNcP+wMf/"
    "U2R1Yfj/nqmeQaGRL3Cw8tN2i5qokBhfRI0H9GDuj2qRc4bPH7ZphN+IXfZkKpH9RhYZhB"
    "gftiC8MmOleF8uql9VdKZqVkVkpmpWRW3N7q3B4cfatUtmeqzMVezG/Iv0i1oQ8PvcscE0"
    "KCKjXDvk/MQ6Bt1qsb5MwN5io+C+KXFmpDQ7Q2oQ31vcn9orf9BHep7i65uuqkvutzocCy"
    "BGsvkYPCe+1iGSjWqoT44+iuxycZPbm273SE4AGqTXBYwiLqBJvEC5yThA4t9FZjKPLfhi"
    "h74smEn012vSyeRWClwlneUhp6W3XoWzPiKgmgEoNUpEW9dy9lUK5VLqn5gZ9FvUomqQox"
    "AvWU87L5o9Lm+DURKmmK3xd0tsqA2wKKLPMN14sZ76hFCaYbOocKfx5Yox3sTokQSFgbcR"
    "QJcL4O5JcK3jPBKj+5OvUCjlgsCBm/vaFeFatdi8NKsdpvlyUp9vJkYf7b/e2NHOYUWZrR"
    "JoaH/oMswrbGHLT+MvZpUM505BPLI5Qdwnh/bW13j5ZBDzAleOxMDvp0uvkU8wwdZErpwK"
    "/SiETVdW7z/Ven8omJk6VmZcTptjUd8yu7Rf789vYqgfx5L53e/+H6vMvfCjENvBEJuDdJ"
    "fL+SPpT00UzpY3d89b4gvVXG+p44Ai4Jbx3dKmSvGXG0yDN5OYt937tDug9ltT1i6FF9bz"
    "2WjGkwwYsgXsLQM3ZCXXQYv2uSJ8w8BH4aUNL7lXjGJMN0b2mcIaUYm6yDvpwdof9G15en"
    "B/DbAbeOi3Vr2om6zE0zm2DZI+IM255ohb96mArTj4oe3ik7P5+eCix9nKaBbP3mvYgWqz"
    "u75xdk3EqQNajG946Tboldq8r6nhM0cHEfn5apRs1b5ZuHTjMVqSf6URV8w+YNRPekTNXn"
    "k/yqzyeZqs9htfQqJfziJKqEXybNlVMJS0fBKIWRs8S6ZdmvVXRUcRqloNq4gkoZ6fNXf3"
    "ON9L5jrjjrSUo163WZdYlva8Yyq5SjKglm/ZFVameVBLP26NY4CWae1nq5yrqCutrTx2Oh"
    "OaaRf0Y7yjMZ+FBDX0jUKnuMPLxFXgOGJa7X63enIk3rpSHGkA+0inpnTtC4+NKTUhWZTg"
    "pKMp1kazIph5rt+q7Ps/9WDZbOEDYR8W2ogwnT+JFDXiTLutBVJkG3Q1+ZaEPZW1eZ+Url"
    "Z2hFzNOkCvbysIuUL5b9RFZJDJQhVrHE9dG3ZNVsSrmaf6Lsp5pNRUC9nZotEvyqAZuiap"
    "BHxOaA5Ud9RVAXFGqpKr3lW+otozCmNYGN4qUaimrshU1A2ueHXb93MWhJd9pN4Brrar92"
    "2dLQJg+YHHjLeHiTqYNdZlPhl7umq3e1xCh7Ar0sUY/CaQlOoaFAU9HLZdBKlv1aE6tMub"
    "GGnC5bDbw4wy4xJi2JBSu80y6yYemLNsusWPkwKGtSvaxJL3zXkjrC5+vhYyRKA19OAw8v"
    "VQWEw+YNRHcrIdp8RA/LZMB819cYye49X99GxbsxH9eMNL5LZ4w//h9BibpG"
)
